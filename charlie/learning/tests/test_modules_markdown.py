"""Lessons in Markdown: rendered, then sanitised; hostile input never reaches the page."""

from __future__ import annotations

from charlie.learning.markdown import image_ids, render


def _url(image_id: int) -> str | None:
    return f"/laering/moduler/1/billeder/{image_id}/" if image_id == 3 else None


def test_plain_markdown_renders_headings_lists_tables_and_links():
    html = render(
        "# Titel\n\n- **a**\n- *b*\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n[Charlie](https://x.dk)"
    )
    assert "<h2>Titel</h2>" in html  # under the page's own h1
    assert "<strong>a</strong>" in html and "<em>b</em>" in html
    assert "<table>" in html and "<td>1</td>" in html
    assert '<a href="https://x.dk" rel="noopener noreferrer">Charlie</a>' in html


def test_raw_html_is_shown_as_text_never_run():
    html = render(
        "<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(1)">\n\n'
        'Tekst <b onclick="x()">b</b>'
    )
    assert "<script" not in html and "<img" not in html and "<b" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_links_are_dropped_and_safe_ones_kept():
    html = render(
        "[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) "
        "[c](vbscript:x) [d](mailto:dpo@kommune.dk) [e](../side/) [f](http://x.dk)"
    )
    assert "javascript:" not in html.replace("[a](javascript:alert(1))", "")
    assert (
        'href="javascript' not in html and 'href="data' not in html and 'href="vbscript' not in html
    )
    assert 'href="mailto:dpo@kommune.dk"' in html
    assert 'href="../side/"' in html
    assert 'href="http://x.dk"' in html


def test_only_the_modules_own_images_are_shown():
    html = render(
        "![Et kort](billede:3) ![Ude](https://evil.example/x.png) "
        "![Data](data:image/png;base64,AAAA) ![Ukendt](billede:9)",
        _url,
    )
    assert '<img src="/laering/moduler/1/billeder/3/" alt="Et kort">' in html
    assert html.count("<img") == 1
    # The dropped images leave their alternative text.
    assert "Ude" in html and "Data" in html and "Ukendt" in html
    assert "evil.example" not in html and "data:" not in html


def test_image_ids_lists_the_images_a_lesson_uses():
    assert image_ids("![a](billede:3)\n\n![b](billede:12) ![c](https://x.dk/c.png)") == {3, 12}
