"""Users and roles: the only way a user account is created, changed or given a role.

Every function here checks who may do it and writes the audit log the data protection officer
reads (``privacy.services.record``, category ``brugeradgang``, purpose
``brugeradministration``), so no page, command or API can change an account without a trace.
The Django admin no longer edits users (core/admin.py), and the API has no endpoint that does.

The rules (decision 0014):

- **Administrators** create accounts, deactivate and reactivate them, set a new password, and
  change roles. They never change their own account here (their password: "Skift adgangskode").
- **Roles that see personal data beyond one's own unit or the audit log — HR and data
  protection officer (``SENSITIVE_ROLES``) — need a second person.** Asking for them makes a
  pending ``RoleChange``; the role is unchanged until an active user who already holds that
  role (HR for HR, DPO for DPO), who is neither the one who asked nor the one who would get it,
  approves it. Other roles, and taking a role away, take effect at once.
- **An administrator never knows the password of an HR or DPO account.** They cannot set the
  password of a user who holds or awaits such a role, and a request is approved only once the
  user has chosen their own password (``User.password_from_administrator`` is false).
- **The first holder of a role** (a new installation) is made on the server with
  ``charlie bootstrap-role``, which works only while no active user holds the role; it is
  audited on the channel ``cli``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.accounts.claims import MappingError, parse_group_roles
from charlie.accounts.models import IdentityLink, RoleChange, RoleChangeStatus
from charlie.accounts.permissions import DECIDE_ROLE_CHANGES, MANAGE_ACCOUNTS, SEE_ROLE_CHANGES
from charlie.core.cache import cached
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.core.services import check_new_password
from charlie.core.text import text_errors
from charlie.people import services as people
from charlie.people.models import Employment, OrgUnit, Person
from charlie.privacy import services as privacy
from charlie.privacy.models import Action
from charlie.privacy.registry import PersonLabel

if TYPE_CHECKING:
    from charlie.privacy.access import Access

#: The audit log's category and purpose for user accounts and roles (data-use register:
#: accounts/migrations/0002_register_purpose).
CATEGORY_ACCOUNTS = "brugeradgang"
PURPOSE_ACCOUNTS = "brugeradministration"

#: Roles that see personal data of everyone (HR) or the audit log (DPO): granting one needs a
#: second person's approval.
SENSITIVE_ROLES = frozenset({Role.HR, Role.DPO})

PAGE_SIZE = 50
REASON_MAX_LENGTH = 500
NAME_MAX_LENGTH = 150


def _label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


# --- Who may do what ---


def is_administrator(access: Access) -> bool:
    return access.can(MANAGE_ACCOUNTS)


def require_administrator(access: Access) -> None:
    """Only administrators manage accounts and ask for role changes (403 otherwise)."""
    access.require(MANAGE_ACCOUNTS)


def may_see_role_changes(access: Access) -> bool:
    """Administrators (all pending changes) and HR and DPO (the ones they may decide)."""
    return access.can(SEE_ROLE_CHANGES)


def _may_decide(access: Access, change: RoleChange) -> bool:
    """A holder of the requested role decides; never the one who asked, nor the one who would
    get it."""
    user = access.user
    return bool(
        access.can(DECIDE_ROLE_CHANGES)
        and user is not None
        and user.is_active
        and change.to_role in SENSITIVE_ROLES
        and access.is_role(Role(change.to_role))
        and user.pk not in (change.requested_by_id, change.user_id)
    )


# --- The audit log ---


def _subject(user: User) -> privacy.AccountSubject:
    """The account as the audit log's subject, with its person when it has one."""
    return privacy.AccountSubject(
        username=user.username, person_id=_person_ids([user.pk]).get(user.pk)
    )


def _subjects(rows: Iterable[AccountRow]) -> list[privacy.AccountSubject]:
    return [privacy.AccountSubject(username=r.user.username, person_id=r.person_id) for r in rows]


def _person_ids(user_ids: Iterable[int]) -> dict[int, int]:
    """User id → the id of the person record linked to it (only for users that have one)."""
    rows = User.objects.filter(pk__in=list(user_ids), person__isnull=False).values_list(
        "pk", "person__pk"
    )
    return dict(rows)


def _record(
    *,
    actor: User | None,
    subjects: list[privacy.AccountSubject],
    action: str,
    channel: str,
    detail: str,
) -> None:
    privacy.record(
        actor=actor,
        subject_accounts=subjects,
        action=action,
        category=CATEGORY_ACCOUNTS,
        purpose=PURPOSE_ACCOUNTS,
        channel=channel,
        detail=detail,
    )


# --- Reading: the list, one account, the pending requests ---


@dataclass(frozen=True)
class AccountRow:
    user: User
    person: PersonLabel | None
    person_id: int | None = None
    pending: RoleChange | None = None
    #: The account's identity at the municipality's identity provider, when it has logged in
    #: through it (decision 0020).
    identity: IdentityLink | None = None

    @property
    def role_from_idp(self) -> bool:
        """The account's role came from a group at the IdP (and is changed there)."""
        return bool(
            self.identity is not None
            and self.identity.role_from_groups
            and self.user.role in idp_mapped_roles()
        )

    @property
    def role_label(self) -> str:
        return _label(self.user.role)


def _rows(users: list[User], *, with_pending: bool = True) -> list[AccountRow]:
    person_ids = _person_ids(u.pk for u in users)
    labels = people.person_labels(person_ids.values())
    pending: dict[int, RoleChange] = {}
    if with_pending:
        pending = {
            c.user_id: c
            for c in RoleChange.objects.filter(
                user__in=users, status=RoleChangeStatus.PENDING
            ).select_related("requested_by")
        }
    identities = {i.user_id: i for i in IdentityLink.objects.filter(user__in=users)}
    return [
        AccountRow(
            user=u,
            person=labels.get(person_ids[u.pk]) if u.pk in person_ids else None,
            person_id=person_ids.get(u.pk),
            pending=pending.get(u.pk),
            identity=identities.get(u.pk),
        )
        for u in users
    ]


def list_users(
    access: Access, *, query: str = "", role: str = "", page: Any = None
) -> tuple[Page[User], list[AccountRow]]:
    """All accounts, 50 to a page, by user name; administrators only. Every account shown is
    recorded as read (user name, name, role and person are personal data)."""
    require_administrator(access)
    qs: QuerySet[User] = User.objects.order_by("username", "pk")
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    if role:
        if role not in Role.values:
            raise ValidationFailed([_("Vælg en af rollerne på listen.")])
        qs = qs.filter(role=role)
    result = Paginator(qs, PAGE_SIZE).get_page(page)
    users = list(result.object_list)
    rows = _rows(users)
    _record(
        actor=access.user,
        subjects=_subjects(rows),
        action=Action.READ,
        channel=access.channel,
        detail=f"accounts:users ({len(users)})",
    )
    return result, rows


@dataclass(frozen=True)
class AccountDetail:
    row: AccountRow
    history: list[RoleChange]

    @property
    def user(self) -> User:
        return self.row.user


def get_account(access: Access, user_id: int) -> AccountDetail:
    """One account with its role history; administrators only; recorded as read."""
    require_administrator(access)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound
    row = _rows([user])[0]
    history = list(RoleChange.objects.filter(user=user)[:50])
    _record(
        actor=access.user,
        subjects=_subjects([row]),
        action=Action.READ,
        channel=access.channel,
        detail="accounts:user",
    )
    return AccountDetail(row=row, history=history)


@dataclass(frozen=True)
class PendingRow:
    change: RoleChange
    account: AccountRow
    may_decide: bool
    #: Why this user may not decide it (shown instead of the buttons), or "".
    why_not: str = ""

    @property
    def from_label(self) -> str:
        return _label(self.change.from_role)

    @property
    def to_label(self) -> str:
        return _label(self.change.to_role)


def _visible_pending(access: Access) -> QuerySet[RoleChange]:
    """All pending requests for an administrator; those for one's own role for HR and DPO."""
    qs = RoleChange.objects.filter(status=RoleChangeStatus.PENDING)
    if is_administrator(access):
        return qs
    return qs.filter(to_role=access.role)


def pending_count_for(access: Access) -> int:
    """How many pending requests the caller may decide (HR, DPO) or follow (administrators)."""
    if not may_see_role_changes(access):
        return 0

    def count() -> int:
        qs = _visible_pending(access)
        if not is_administrator(access):
            qs = qs.exclude(requested_by=access.user).exclude(user=access.user)
        return qs.count()

    user_id = access.user.pk if access.user is not None else None
    return cached("role_changes", f"pending:{user_id}:{access.role}", count)


def pending_role_changes(access: Access) -> list[PendingRow]:
    """The pending requests the actor may see, oldest first: administrators see all (and may
    withdraw them), HR and DPO the ones for their own role (and may decide them unless they
    asked for it or would get it). Each account shown is recorded as read."""
    access.require(SEE_ROLE_CHANGES)
    me = access.user.pk if access.user is not None else None
    changes = list(
        _visible_pending(access).select_related("user", "requested_by").order_by("requested_at")
    )
    accounts = {r.user.pk: r for r in _rows([c.user for c in changes], with_pending=False)}
    rows = []
    for change in changes:
        why_not = ""
        if not is_administrator(access):
            if me == change.user_id:
                why_not = _("Anmodningen gælder dig selv. En anden skal afgøre den.")
            elif me == change.requested_by_id:
                why_not = _("Du har selv bedt om ændringen. En anden skal afgøre den.")
        rows.append(
            PendingRow(
                change=change,
                account=accounts[change.user_id],
                may_decide=_may_decide(access, change),
                why_not=why_not,
            )
        )
    _record(
        actor=access.user,
        subjects=_subjects(accounts[c.user_id] for c in changes),
        action=Action.READ,
        channel=access.channel,
        detail=f"accounts:requests ({len(changes)})",
    )
    return rows


def idp_mapped_roles() -> frozenset[str]:
    """The roles ``CHARLIE_OIDC_GROUP_ROLES`` gives: for an account that logs in through the
    municipality's identity provider, the IdP's groups decide these (decision 0020)."""
    try:
        return frozenset(e.role for e in parse_group_roles(settings.CHARLIE_OIDC_GROUP_ROLES))
    except MappingError:  # refused at start-up (AccountsConfig.ready)
        return frozenset()


def _idp_role_errors(user: User, role: str) -> list[str]:
    """An account that logs in through the IdP gets and loses the mapped roles there only."""
    mapped = idp_mapped_roles()
    if not mapped or not IdentityLink.objects.filter(user=user, role_from_groups=True).exists():
        return []
    if user.role in mapped:
        return [
            _(
                "Brugerens rolle kommer fra en gruppe hos kommunens log-in. Skift den ved at "
                "ændre brugerens grupper dér."
            )
        ]
    if role in mapped:
        return [
            _(
                "Rollen %(role)s gives af en gruppe hos kommunens log-in. Føj brugeren til "
                "gruppen dér; rollen gælder fra brugerens næste log-in."
            )
            % {"role": _label(role)}
        ]
    return []


# --- Checking input ---


def _clean_text(
    value: str, *, label: str, required: bool, max_length: int, multiline: bool = True
) -> tuple[str, list[str]]:
    """The text stripped, with the errors of ``core.text`` (length, control characters, CPR
    numbers), and "udfyld feltet" when ``required`` and empty."""
    value = (value or "").strip()
    if not value:
        return value, [_("Udfyld feltet »%(field)s«.") % {"field": label}] if required else []
    what = _("Feltet »%(field)s«") % {"field": label}
    return value, text_errors(value, what=what, max_length=max_length, multiline=multiline)


def _clean_reason(reason: str) -> tuple[str, list[str]]:
    return _clean_text(reason, label=_("Begrundelse"), required=True, max_length=REASON_MAX_LENGTH)


def _role_errors(access: Access, *, user: User, role: str) -> list[str]:
    if role not in Role.values:
        return [_("Vælg en af rollerne på listen.")]
    if access.user is not None and user.pk == access.user.pk:
        return [_("Du kan ikke ændre din egen rolle. Bed en anden administrator om det.")]
    if errors := _idp_role_errors(user, role):
        return errors
    if user.role == role:
        return [_("Brugeren har allerede rollen %(role)s.") % {"role": _label(role)}]
    if RoleChange.objects.filter(user=user, status=RoleChangeStatus.PENDING).exists():
        return [
            _(
                "Der venter allerede en anmodning om en ny rolle til brugeren. Vent på "
                "afgørelsen, eller træk anmodningen tilbage under »Rolleanmodninger«."
            )
        ]
    if role in SENSITIVE_ROLES and not user.is_active:
        return [_("Kontoen er deaktiveret. Aktivér den, før den får en ny rolle.")]
    return []


# --- Changing a role ---


def _change_role(access: Access, *, user: User, role: str, reason: str) -> RoleChange:
    """Apply a role change at once, or make a pending request for a sensitive role. The caller
    has checked the input and holds a transaction."""
    now = timezone.now()
    actor = access.user
    change = RoleChange(
        user=user,
        from_role=user.role,
        to_role=role,
        reason=reason,
        requested_by=actor,
        requested_by_username=actor.get_username() if actor is not None else "",
    )
    subject = _subject(user)
    if role in SENSITIVE_ROLES:
        change.status = RoleChangeStatus.PENDING
        try:
            with transaction.atomic():
                change.save()
        except IntegrityError:  # another request for the user was made at the same moment
            raise ValidationFailed(
                [_("Der venter allerede en anmodning om en ny rolle til brugeren.")]
            ) from None
        _record(
            actor=actor,
            subjects=[subject],
            action=Action.CREATE,
            channel=access.channel,
            detail=f"rolle {user.role} → {role}: anmodet, afventer godkendelse (#{change.pk})",
        )
        return change
    change.status = RoleChangeStatus.DONE
    change.decided_by = change.requested_by
    change.decided_by_username = change.requested_by_username
    change.decided_at = now
    change.save()
    previous = user.role
    user.role = role
    user.save(update_fields=["role"])
    _record(
        actor=actor,
        subjects=[subject],
        action=Action.UPDATE,
        channel=access.channel,
        detail=f"rolle {previous} → {role} (#{change.pk})",
    )
    return change


def request_role_change(access: Access, *, user_id: int, role: str, reason: str) -> RoleChange:
    """Give ``user_id`` a new role (administrators only). HR and DPO become a pending request
    for a second person; other roles take effect at once. Either way the audit log records it."""
    require_administrator(access)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None:
            raise NotFound
        reason, errors = _clean_reason(reason)
        errors = _role_errors(access, user=user, role=role) + errors
        if errors:
            raise ValidationFailed(errors)
        return _change_role(access, user=user, role=role, reason=reason)


def decide_role_change(
    access: Access, *, change_id: int, approve: bool, note: str = ""
) -> RoleChange:
    """Approve or reject a pending request for HR or DPO.

    Only an active holder of the requested role who neither asked for it nor would get it may
    decide (403 for anyone else). Approval gives the role only to an active account whose
    password the user has chosen themselves. Both outcomes are audited.
    """
    access.require(DECIDE_ROLE_CHANGES)
    actor = access.user
    if actor is None:
        raise PermissionDenied
    with transaction.atomic():
        change = (
            RoleChange.objects.select_for_update()
            .select_related("user")
            .filter(pk=change_id, to_role=access.role)
            .first()
        )
        if change is None:
            raise NotFound
        if actor.pk == change.user_id:
            raise ValidationFailed([_("Anmodningen gælder dig selv. En anden skal afgøre den.")])
        if actor.pk == change.requested_by_id:
            raise ValidationFailed([_("Du har selv bedt om ændringen. En anden skal afgøre den.")])
        if not _may_decide(access, change):
            raise PermissionDenied
        if not change.is_pending:
            raise ValidationFailed([_("Anmodningen er allerede afgjort.")])
        note, errors = _clean_text(
            note,
            label=_("Note"),
            required=not approve,
            max_length=REASON_MAX_LENGTH,
        )
        if not approve and not note and errors:
            errors = [_("Skriv kort, hvorfor anmodningen afvises.")]
        user = User.objects.select_for_update().get(pk=change.user_id)
        if approve:
            if not user.is_active:
                errors.append(_("Kontoen er deaktiveret. Den kan ikke få en ny rolle."))
            if user.password_from_administrator:
                errors.append(
                    _(
                        "Brugeren har stadig den adgangskode, en administrator gav. Brugeren "
                        "skal selv vælge en ny under »Skift adgangskode«, før rollen kan gives, "
                        "så ingen administrator kender adgangskoden til en konto med rollen."
                    )
                )
        if errors:
            raise ValidationFailed(errors)
        change.status = RoleChangeStatus.APPROVED if approve else RoleChangeStatus.REJECTED
        change.decided_by = actor
        change.decided_by_username = actor.get_username()
        change.decided_at = timezone.now()
        change.decision_note = note
        change.save()
        previous = user.role
        if approve:
            user.role = change.to_role
            user.save(update_fields=["role"])
            detail = f"rolle {previous} → {change.to_role}: godkendt (#{change.pk})"
        else:
            detail = f"rolle {previous} → {change.to_role}: afvist (#{change.pk})"
        _record(
            actor=actor,
            subjects=[_subject(user)],
            action=Action.UPDATE,
            channel=access.channel,
            detail=detail,
        )
        return change


def withdraw_role_change(access: Access, *, change_id: int) -> RoleChange:
    """An administrator withdraws a pending request (audited)."""
    require_administrator(access)
    actor = access.user
    with transaction.atomic():
        change = (
            RoleChange.objects.select_for_update().select_related("user").filter(pk=change_id)
        ).first()
        if change is None:
            raise NotFound
        if not change.is_pending:
            raise ValidationFailed([_("Anmodningen er allerede afgjort.")])
        change.status = RoleChangeStatus.WITHDRAWN
        change.decided_by = actor
        change.decided_by_username = actor.get_username() if actor is not None else ""
        change.decided_at = timezone.now()
        change.save()
        _record(
            actor=actor,
            subjects=[_subject(change.user)],
            action=Action.UPDATE,
            channel=access.channel,
            detail=f"rolle {change.from_role} → {change.to_role}: trukket tilbage (#{change.pk})",
        )
        return change


# --- Creating, deactivating and resetting accounts ---


@dataclass(frozen=True)
class NewAccount:
    user: User
    #: The role change made with it (pending for HR and DPO), or None for an employee.
    change: RoleChange | None


def create_user(
    access: Access,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    password: str,
    reason: str = "",
) -> NewAccount:
    """Create an account (administrators only) with a first password the user must replace
    (none while local passwords are off: ``CHARLIE_LOCAL_LOGIN=0``).

    The account starts as an employee; any other role is a role change like on the user's
    page (HR and DPO pending a second person's approval). Audited: the creation and the role.
    """
    require_administrator(access)
    errors: list[str] = []
    username = (username or "").strip().lower()
    if not username:
        errors.append(_("Udfyld feltet »Brugernavn«."))
    elif len(username) > NAME_MAX_LENGTH:
        errors.append(_("Brugernavnet må højst være %(n)d tegn.") % {"n": NAME_MAX_LENGTH})
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors.append(_("Brugernavnet må kun indeholde bogstaver, tal og tegnene @ . + - _."))
        else:
            if User.objects.filter(username__iexact=username).exists():
                errors.append(_("Brugernavnet er taget. Vælg et andet."))
    first_name, more = _clean_text(
        first_name, label=_("Fornavn"), required=True, max_length=NAME_MAX_LENGTH, multiline=False
    )
    errors += more
    last_name, more = _clean_text(
        last_name, label=_("Efternavn"), required=True, max_length=NAME_MAX_LENGTH, multiline=False
    )
    errors += more
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Skriv en gyldig e-mailadresse, fx navn@kommune.dk."))
    if role not in Role.values:
        errors.append(_("Vælg en af rollerne på listen."))
    if role != Role.EMPLOYEE:
        reason, more = _clean_reason(reason)
        errors += more
    else:
        reason = ""
    local = settings.CHARLIE_LOCAL_LOGIN
    if local:
        try:
            check_new_password(
                password, user=User(username=username, first_name=first_name, last_name=last_name)
            )
        except ValidationFailed as exc:
            errors += exc.messages
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                # With local passwords off the account has none (unusable): the user logs in
                # with the municipality's account, found by e-mail or employee number.
                user = User.objects.create_user(
                    username=username,
                    password=password if local else None,
                    first_name=first_name,
                    last_name=last_name,
                    email=email,
                    role=Role.EMPLOYEE,
                    password_from_administrator=local,
                    password_set_by_administrator_at=timezone.now() if local else None,
                )
        except IntegrityError:
            raise ValidationFailed([_("Brugernavnet er taget. Vælg et andet.")]) from None
        _record(
            actor=access.user,
            subjects=[privacy.AccountSubject(username=user.username)],
            action=Action.CREATE,
            channel=access.channel,
            detail="konto oprettet (rolle employee)",
        )
        change = None
        if role != Role.EMPLOYEE:
            change = _change_role(access, user=user, role=role, reason=reason)
    return NewAccount(user=user, change=change)


def _target_for_change(access: Access, user_id: int) -> User:
    require_administrator(access)
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise NotFound
    if access.user is not None and user.pk == access.user.pk:
        raise ValidationFailed(
            [_("Du kan ikke ændre din egen konto her. Bed en anden administrator om det.")]
        )
    return user


def set_active(access: Access, *, user_id: int, active: bool) -> User:
    """Deactivate an account (it can no longer log in, and its sessions and API keys stop
    working at once) or reactivate it. Administrators only; audited."""
    with transaction.atomic():
        user = _target_for_change(access, user_id)
        if user.is_active == active:
            raise ValidationFailed(
                [
                    _("Kontoen er allerede aktiv.")
                    if active
                    else _("Kontoen er allerede deaktiveret.")
                ]
            )
        user.is_active = active
        user.save(update_fields=["is_active"])
        _record(
            actor=access.user,
            subjects=[_subject(user)],
            action=Action.UPDATE,
            channel=access.channel,
            detail="konto genaktiveret" if active else "konto deaktiveret",
        )
        return user


def password_locked(user: User, pending: RoleChange | None) -> bool:
    """Whether only the user may change their password: they hold or await HR or DPO."""
    return user.role in SENSITIVE_ROLES or (
        pending is not None and pending.is_pending and pending.to_role in SENSITIVE_ROLES
    )


def set_password(access: Access, *, user_id: int, password: str) -> User:
    """Give an account a new password, which the user must replace (administrators only).

    Refused for a user who holds or awaits HR or DPO: an administrator must never know the
    password of an account that sees personal data. Such a user changes it themselves; if they
    cannot, take the role away first (then the role must be approved again). Audited.
    """
    with transaction.atomic():
        user = _target_for_change(access, user_id)
        if user.is_demo:
            raise ValidationFailed([_("Demo-logins har en fast adgangskode.")])
        if not settings.CHARLIE_LOCAL_LOGIN:
            raise ValidationFailed(
                [_("Adgangskoder er slået fra: brugerne logger ind med kommunens konto.")]
            )
        pending = RoleChange.objects.filter(user=user, status=RoleChangeStatus.PENDING).first()
        if password_locked(user, pending):
            raise ValidationFailed(
                [
                    _(
                        "Brugeren har eller venter på rollen HR eller databeskyttelsesrådgiver. "
                        "Adgangskoden til sådan en konto kan kun skiftes af brugeren selv. Skal "
                        "kontoen have en ny adgangskode, så fjern først rollen (og træk en "
                        "ventende anmodning tilbage); rollen skal derefter godkendes igen."
                    )
                ]
            )
        check_new_password(password, user=user)
        user.set_password(password)
        user.password_from_administrator = True
        user.password_set_by_administrator_at = timezone.now()
        user.save(
            update_fields=[
                "password",
                "password_from_administrator",
                "password_set_by_administrator_at",
            ]
        )
        _record(
            actor=access.user,
            subjects=[_subject(user)],
            action=Action.UPDATE,
            channel=access.channel,
            detail="ny adgangskode sat af administrator",
        )
        return user


# --- A new installation: the first administrator, HR user and DPO (charlie bootstrap-role) ---

BOOTSTRAP_ROLES = (Role.ADMIN, Role.HR, Role.DPO)


def bootstrap_role(
    *,
    username: str,
    role: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Give ``username`` the first administrator, HR or DPO role on a new installation.

    Works only while no active user holds ``role``; after that, roles are given in Charlie
    (with a second person for HR and DPO). Creates the account when it does not exist (a
    password is then required). Audited on the channel ``cli``, with no user as the actor.
    """
    if role not in BOOTSTRAP_ROLES:
        raise ValidationFailed(
            [_("Kun rollerne admin, hr og dpo kan oprettes sådan. Andre roller gives i Charlie.")]
        )
    with transaction.atomic():
        holders = User.objects.select_for_update().filter(role=role, is_active=True)
        if holders.exists():
            raise ValidationFailed(
                [
                    _(
                        "Der findes allerede en aktiv bruger med rollen %(role)s. Nye roller "
                        "gives under »Brugere og roller« i Charlie, hvor HR og "
                        "databeskyttelsesrådgiver kræver en anden persons godkendelse."
                    )
                    % {"role": _label(role)}
                ]
            )
        username = (username or "").strip().lower()
        user = User.objects.filter(username__iexact=username).first()
        created = user is None
        if user is None:
            if not password:
                raise ValidationFailed([_("En ny bruger skal have en adgangskode.")])
            new = User(username=username, first_name=first_name, last_name=last_name, email=email)
            try:
                UnicodeUsernameValidator()(username)
            except ValidationError:
                raise ValidationFailed(
                    [_("Brugernavnet må kun indeholde bogstaver, tal og tegnene @ . + - _.")]
                ) from None
            check_new_password(password, user=new)
            new.set_password(password)
            new.save()
            user = new
        elif user.is_demo and not settings.DEMO:
            raise ValidationFailed(
                [_("En demo-login kan ikke få en rolle uden for demo-tilstand.")]
            )
        previous = user.role
        user.role = role
        user.is_active = True
        user.save(update_fields=["role", "is_active"])
        RoleChange.objects.create(
            user=user,
            from_role=previous,
            to_role=role,
            reason="charlie bootstrap-role: første bruger med rollen",
            status=RoleChangeStatus.DONE,
            requested_by_username="",
            decided_at=timezone.now(),
        )
        subject = _subject(user)
        if created:
            _record(
                actor=None,
                subjects=[subject],
                action=Action.CREATE,
                channel="cli",
                detail="konto oprettet (charlie bootstrap-role)",
            )
        _record(
            actor=None,
            subjects=[subject],
            action=Action.UPDATE,
            channel="cli",
            detail=f"rolle {previous} → {role}: første med rollen (charlie bootstrap-role)",
        )
        return user


# --- Linking an account to its person and, for a manager, the units they manage ---
#
# ``people.Person.user`` decides scope: a user sees their own person's data, and a manager the
# units whose ``OrgUnit.manager`` is their person. Imports and the identity provider set it; an
# administrator sets it here. The administrator reads no employee data otherwise, so the search
# shows the least that tells people apart — name, employee number and the names of their
# current units — at most ``PERSON_SEARCH_LIMIT`` at a time, and each person shown is recorded
# (category ``stamdata``, purpose ``brugeradministration``; accounts/0004). Every link and unit
# change is audited on the account and on the person.

PERSON_SEARCH_MIN_LENGTH = 3
PERSON_SEARCH_LIMIT = 10
CATEGORY_PERSON = "stamdata"


@dataclass(frozen=True)
class PersonChoice:
    person_id: int
    name: str
    employee_number: str
    #: Names of the units the person is employed in today (with the parent unit's name).
    units: tuple[str, ...]
    #: The user name of the account the person is already linked to, or "".
    linked_to: str


def find_people_to_link(access: Access, *, user_id: int, query: str) -> list[PersonChoice]:
    """People whose name or employee number matches ``query``, for linking account ``user_id``
    to one; administrators only; every person shown is recorded as read."""
    require_administrator(access)
    if not User.objects.filter(pk=user_id).exists():
        raise NotFound
    query = "".join(ch for ch in (query or "") if ch.isprintable()).strip()
    if not query:
        return []
    exact = Q(employee_number__iexact=query)
    if len(query) < PERSON_SEARCH_MIN_LENGTH:
        filters = exact
    else:
        filters = exact | people.name_or_number_matches(" ".join(query.split()[:4]))
    people_found = list(
        Person.objects.filter(filters)
        .select_related("user")
        .order_by("last_name", "first_name", "pk")[:PERSON_SEARCH_LIMIT]
    )
    on = timezone.localdate()
    units: dict[int, list[str]] = {}
    labels = people.unit_labels()
    for employment in (
        Employment.objects.filter(person__in=people_found, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("org_unit")
        .order_by("start_date")
    ):
        label = people.unit_label(employment.org_unit, labels)
        units.setdefault(employment.person_id, []).append(label)
    privacy.record(
        actor=access.user,
        subject_person_ids=[p.pk for p in people_found],
        action=Action.READ,
        category=CATEGORY_PERSON,
        purpose=PURPOSE_ACCOUNTS,
        channel=access.channel,
        detail=f"accounts:user_person ({len(people_found)})",
    )
    return [
        PersonChoice(
            person_id=p.pk,
            name=p.full_name,
            employee_number=p.employee_number,
            units=tuple(dict.fromkeys(units.get(p.pk, []))),
            linked_to=p.user.username if p.user is not None else "",
        )
        for p in people_found
    ]


def link_person(access: Access, *, user_id: int, person_id: int) -> Person:
    """Link account ``user_id`` to person ``person_id`` (administrators only; audited). The
    account must have no person yet, and the person no account."""
    with transaction.atomic():
        user = _target_for_change(access, user_id)
        person = Person.objects.select_for_update().filter(pk=person_id).first()
        if person is None:
            raise ValidationFailed([_("Vælg en medarbejder fra søgningen.")])
        if Person.objects.filter(user=user).exists():
            raise ValidationFailed(
                [_("Kontoen er allerede knyttet til en medarbejder. Fjern den tilknytning først.")]
            )
        if person.user_id is not None:
            raise ValidationFailed(
                [_("Medarbejderen er allerede knyttet til en anden konto. Fjern den først.")]
            )
        person.user = user
        person.save(update_fields=["user"])
        _record(
            actor=access.user,
            subjects=[privacy.AccountSubject(username=user.username, person_id=person.pk)],
            action=Action.UPDATE,
            channel=access.channel,
            detail="konto knyttet til medarbejder",
        )
        return person


def unlink_person(access: Access, *, user_id: int) -> User:
    """Remove the link between account ``user_id`` and its person (administrators only;
    audited). The person keeps the units they manage; the account loses the person's scope."""
    with transaction.atomic():
        user = _target_for_change(access, user_id)
        person = Person.objects.select_for_update().filter(user=user).first()
        if person is None:
            raise ValidationFailed([_("Kontoen er ikke knyttet til en medarbejder.")])
        person.user = None
        person.save(update_fields=["user"])
        _record(
            actor=access.user,
            subjects=[privacy.AccountSubject(username=user.username, person_id=person.pk)],
            action=Action.UPDATE,
            channel=access.channel,
            detail="tilknytning til medarbejder fjernet",
        )
        return user


def open_units() -> list[tuple[int, str]]:
    """Every open unit, named with its parent where names repeat, in the tree's order, for
    choosing one (``people.all_unit_choices``)."""
    return people.all_unit_choices()


def units_managed_by(user: User) -> list[OrgUnit]:
    """The open units whose manager is the account's person."""
    on = timezone.localdate()
    return list(
        OrgUnit.objects.filter(manager__user=user)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("parent")
        .order_by("path")
    )


def units_managed_by_id(user_id: int) -> list[OrgUnit]:
    user = User.objects.filter(pk=user_id).first()
    return units_managed_by(user) if user is not None else []


def set_unit_manager(access: Access, *, user_id: int, unit_id: int, manages: bool) -> OrgUnit:
    """Make the person of account ``user_id`` the manager of unit ``unit_id`` (a manager's scope
    is that unit and the units below), or stop it. Administrators only; the account must hold
    the role manager and be linked to a person. A unit has one manager: the one it had is
    replaced, and both are in the audit log."""
    with transaction.atomic():
        user = _target_for_change(access, user_id)
        person = Person.objects.filter(user=user).first()
        unit = OrgUnit.objects.select_for_update().filter(pk=unit_id).first()
        if unit is None:
            raise ValidationFailed([_("Vælg en enhed på listen.")])
        if manages:
            errors = []
            if person is None:
                errors.append(_("Knyt først kontoen til en medarbejder."))
            if user.role != Role.MANAGER:
                errors.append(_("Giv først brugeren rollen Leder."))
            if unit.valid_to is not None and unit.valid_to < timezone.localdate():
                errors.append(_("Enheden er nedlagt. Vælg en åben enhed."))
            if errors:
                raise ValidationFailed(errors)
            assert person is not None  # noqa: S101 - checked above
            if unit.manager_id == person.pk:
                raise ValidationFailed([_("Brugeren er allerede leder for enheden.")])
            previous = unit.manager_id
            unit.manager = person
            unit.save(update_fields=["manager"])
            _record(
                actor=access.user,
                subjects=[privacy.AccountSubject(username=user.username, person_id=person.pk)],
                action=Action.UPDATE,
                channel=access.channel,
                detail=f"leder for enhed #{unit.pk}",
            )
            if previous is not None:
                privacy.record(
                    actor=access.user,
                    subject_person_ids=[previous],
                    action=Action.UPDATE,
                    category=CATEGORY_ACCOUNTS,
                    purpose=PURPOSE_ACCOUNTS,
                    channel=access.channel,
                    detail=f"ikke længere leder for enhed #{unit.pk} (ny leder valgt)",
                )
            return unit
        if person is None or unit.manager_id != person.pk:
            raise ValidationFailed([_("Brugeren er ikke leder for enheden.")])
        unit.manager = None
        unit.save(update_fields=["manager"])
        _record(
            actor=access.user,
            subjects=[privacy.AccountSubject(username=user.username, person_id=person.pk)],
            action=Action.UPDATE,
            channel=access.channel,
            detail=f"ikke længere leder for enhed #{unit.pk}",
        )
        return unit
