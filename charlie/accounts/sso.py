"""Log-in with the municipality's identity provider: find or make the account, link it to its
person, and give it the role its IdP groups map to — every change audited (decision 0020).

``accounts.oidc`` (the HTTP side, mozilla-django-oidc) checks the tokens and hands the claims to
``log_in_with_idp``; the rules about which account the claims name, and what the IdP may change,
live here with the rest of "Brugere og roller".

- **Which account.** First the one linked to the IdP's ``iss`` + ``sub`` before; else the account
  of the person whose employee number the configured claim carries; else the one account with
  the (not unverified) e-mail. Claims that name two different accounts, two accounts with the
  same e-mail, a demo login or a deactivated account are refused.
- **New accounts** (``CHARLIE_OIDC_CREATE_USERS``, on by default) only for someone Charlie has
  reason to let in: the employee number names a person without an account, or a mapped group
  gives a role. Anyone else is refused and told to contact HR — never an account that sees
  nothing, and never more than employee without a mapped group.
- **Roles.** With a mapping (``CHARLIE_OIDC_GROUP_ROLES``) the groups decide the roles the
  mapping gives, at every log-in: the first mapped group the user is in gives its role; in
  none, a mapped role is taken away (employee) and a role given in Charlie is kept. HR and DPO
  given this way take effect at once: the group membership is the municipality's own approval,
  made in its own directory. Each change is a ``RoleChange`` with the source ``idp`` and an
  audit entry, shown under "Brugere og roller", which no longer gives or takes the mapped roles
  for such an account. An account the IdP makes HR or DPO loses its local password (no
  administrator may know it, decision 0014).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.accounts.claims import (
    GroupRole,
    MappingError,
    groups_of,
    parse_group_roles,
    role_from_groups,
    text_claim,
    usable_email,
)
from charlie.accounts.models import IdentityLink, RoleChange, RoleChangeSource, RoleChangeStatus
from charlie.accounts.services import SENSITIVE_ROLES, _record, _subject
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.people.models import Person
from charlie.privacy import services as privacy
from charlie.privacy.models import Action, Channel

NAME_MAX_LENGTH = 150


class IdpRefused(Exception):
    """The IdP vouched for the user, but Charlie will not let them in; ``message`` says why, in
    the user's language, and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class IdpConfig:
    issuer: str
    groups_claim: str
    employee_number_claim: str
    mapping: tuple[GroupRole, ...]
    create_users: bool

    @property
    def maps_roles(self) -> bool:
        return bool(self.mapping)


def config() -> IdpConfig:
    """The settings (from the environment; docs/operations.md), checked."""
    try:
        mapping = parse_group_roles(settings.CHARLIE_OIDC_GROUP_ROLES)
    except MappingError as exc:
        raise ImproperlyConfigured(f"CHARLIE_OIDC_GROUP_ROLES: {exc}") from None
    return IdpConfig(
        issuer=settings.CHARLIE_OIDC_ISSUER,
        groups_claim=settings.CHARLIE_OIDC_GROUPS_CLAIM,
        employee_number_claim=settings.CHARLIE_OIDC_EMPLOYEE_NUMBER_CLAIM,
        mapping=mapping,
        create_users=settings.CHARLIE_OIDC_CREATE_USERS,
    )


def _refuse_contact_hr() -> IdpRefused:
    return IdpRefused(
        _(
            "Kommunens log-in kender dig, men du har ikke adgang til Charlie. Kontakt HR, hvis "
            "du mener, at du skal have det."
        )
    )


def _find_account(
    cfg: IdpConfig, *, subject: str, employee_number: str, email: str
) -> tuple[User | None, IdentityLink | None, Person | None]:
    link = (
        IdentityLink.objects.select_related("user")
        .filter(issuer=cfg.issuer, subject=subject)
        .first()
    )
    person = (
        Person.objects.filter(employee_number=employee_number).first() if employee_number else None
    )
    if link is not None:
        return link.user, link, person
    by_person = person.user if person is not None and person.user_id is not None else None
    by_email = None
    if email:
        found = list(User.objects.filter(email__iexact=email)[:2])
        if len(found) > 1:
            raise IdpRefused(
                _(
                    "Flere konti i Charlie har din e-mailadresse, så Charlie ved ikke, hvilken "
                    "der er din. Bed en administrator om at rette det under »Brugere og roller«."
                )
            )
        by_email = found[0] if found else None
    if by_person is not None and by_email is not None and by_person.pk != by_email.pk:
        raise IdpRefused(
            _(
                "Dit medarbejdernummer og din e-mailadresse peger på to forskellige konti i "
                "Charlie. Bed en administrator om at rette det under »Brugere og roller«."
            )
        )
    # A linked account already belongs to another identity at this IdP: refuse, never take it.
    user = by_person or by_email
    if user is not None and IdentityLink.objects.filter(user=user).exists():
        raise IdpRefused(
            _(
                "Kontoen i Charlie er allerede knyttet til en anden konto hos kommunens log-in. "
                "Bed en administrator om at rette det under »Brugere og roller«."
            )
        )
    return user, None, person


def _username_for(claims: Mapping[str, Any], cfg: IdpConfig, subject: str) -> str:
    """A readable, free user name: the preferred user name, else the e-mail, else one made from
    the IdP's id."""
    for candidate in (text_claim(claims, "preferred_username"), usable_email(claims)):
        name = candidate.lower()
        if not name or len(name) > NAME_MAX_LENGTH:
            continue
        try:
            UnicodeUsernameValidator()(name)
        except ValidationError:
            continue
        if not User.objects.filter(username__iexact=name).exists():
            return name
    digest = hashlib.sha256(f"{cfg.issuer} {subject}".encode()).hexdigest()[:16]
    return f"idp-{digest}"


def _create(claims: Mapping[str, Any], cfg: IdpConfig, subject: str, email: str) -> User:
    user = User(
        username=_username_for(claims, cfg, subject),
        first_name=text_claim(claims, "given_name", max_length=NAME_MAX_LENGTH),
        last_name=text_claim(claims, "family_name", max_length=NAME_MAX_LENGTH),
        email=email,
        role=Role.EMPLOYEE,
    )
    user.set_unusable_password()  # logs in through the IdP only
    user.save()
    _record(
        actor=None,
        subjects=[privacy.AccountSubject(username=user.username)],
        action=Action.CREATE,
        channel=Channel.UI,
        detail="konto oprettet ved log-in med kommunens log-in (rolle employee)",
    )
    return user


def _link_person(user: User, person: Person) -> None:
    """Link the account to the person the employee number names (audited)."""
    linked = Person.objects.filter(user=user).exclude(pk=person.pk).exists()
    if linked:
        raise IdpRefused(
            _(
                "Din konto i Charlie er knyttet til en anden medarbejder end den, dit "
                "medarbejdernummer hos kommunens log-in peger på. Kontakt HR."
            )
        )
    person.user = user
    person.save(update_fields=["user"])
    _record(
        actor=None,
        subjects=[privacy.AccountSubject(username=user.username, person_id=person.pk)],
        action=Action.UPDATE,
        channel=Channel.UI,
        detail="konto knyttet til medarbejder (medarbejdernummer fra kommunens log-in)",
    )


def _apply_role(user: User, link: IdentityLink, entry: GroupRole | None, cfg: IdpConfig) -> None:
    """Give the role the groups map to; without a mapped group, a mapped role is taken away
    (employee), and a role the mapping never gives (given in Charlie) is kept. A change is a
    ``RoleChange`` from the IdP and an audit entry; a pending request made in Charlie is then
    withdrawn, because the IdP decides."""
    mapped = {e.role for e in cfg.mapping}
    if entry is not None:
        role = entry.role
    elif user.role in mapped:
        role = Role.EMPLOYEE
    else:
        role = user.role
    link.role_group = entry.group if entry is not None else ""
    if user.role == role:
        return
    now = timezone.now()
    reason = (
        _("Gruppen »%(group)s« hos kommunens log-in.") % {"group": entry.group}
        if entry is not None
        else _("Ingen gruppe hos kommunens log-in giver en rolle.")
    )
    pending = RoleChange.objects.filter(user=user, status=RoleChangeStatus.PENDING).first()
    if pending is not None:
        pending.status = RoleChangeStatus.WITHDRAWN
        pending.decided_at = now
        pending.decision_note = _("Rollen styres af kommunens log-in.")
        pending.save()
        _record(
            actor=None,
            subjects=[_subject(user)],
            action=Action.UPDATE,
            channel=Channel.UI,
            detail=(
                f"rolle {pending.from_role} → {pending.to_role}: trukket tilbage, rollen "
                f"styres af kommunens log-in (#{pending.pk})"
            ),
        )
    change = RoleChange.objects.create(
        user=user,
        from_role=user.role,
        to_role=role,
        reason=reason[:500],
        status=RoleChangeStatus.DONE,
        source=RoleChangeSource.IDP,
        requested_by_username="",
        decided_at=now,
    )
    previous = user.role
    user.role = role
    fields = ["role"]
    if role in SENSITIVE_ROLES and user.has_usable_password():
        # No administrator may know the password of an HR or DPO account (decision 0014).
        user.set_unusable_password()
        user.password_from_administrator = False
        fields += ["password", "password_from_administrator"]
    user.save(update_fields=fields)
    group = f"gruppe {entry.group}" if entry is not None else "ingen kortlagt gruppe"
    _record(
        actor=None,
        subjects=[_subject(user)],
        action=Action.UPDATE,
        channel=Channel.UI,
        detail=f"rolle {previous} → {role}: fra kommunens log-in, {group} (#{change.pk})"[:200],
    )


def log_in_with_idp(claims: Mapping[str, Any]) -> User:
    """The account the IdP's verified claims name, made or updated by the rules above; raises
    ``IdpRefused`` when Charlie will not let the user in."""
    cfg = config()
    subject = text_claim(claims, "sub", max_length=255)
    if not subject:
        raise IdpRefused(_("Kommunens log-in sendte ikke et bruger-id. Kontakt IT-afdelingen."))
    employee_number = text_claim(claims, cfg.employee_number_claim, max_length=30)
    email = usable_email(claims)
    entry = role_from_groups(groups_of(claims, cfg.groups_claim), cfg.mapping)
    with transaction.atomic():
        user, link, person = _find_account(
            cfg, subject=subject, employee_number=employee_number, email=email
        )
        if user is not None and user.is_demo:
            raise _refuse_contact_hr()
        if user is not None and not user.is_active:
            raise IdpRefused(
                _("Din konto i Charlie er deaktiveret. Kontakt HR, hvis du skal have adgang.")
            )
        if user is None:
            has_person = person is not None and person.user_id is None
            if not cfg.create_users or not (has_person or entry is not None):
                raise _refuse_contact_hr()
            user = _create(claims, cfg, subject, email)
        user = User.objects.select_for_update().get(pk=user.pk)
        if person is not None and person.user_id != user.pk:
            if person.user_id is not None:
                raise IdpRefused(
                    _("Dit medarbejdernummer er knyttet til en anden konto i Charlie. Kontakt HR.")
                )
            _link_person(user, person)
        if link is None:
            link = IdentityLink(user=user, issuer=cfg.issuer, subject=subject)
        link.role_from_groups = cfg.maps_roles
        if cfg.maps_roles:
            _apply_role(user, link, entry, cfg)
        link.last_login_at = timezone.now()
        link.save()
    return user
