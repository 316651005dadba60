"""Reading a feedback page for whatever in it could run (with the standard library's HTML
parser, independent of the BeautifulSoup and nh3 the grader uses)."""

from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def tags(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.elements if tag == name]


def live_parts(page: Elements) -> list[str]:
    """Whatever in a parsed page could run: handlers, script URLs, frames, plugins."""
    found = []
    for tag, attrs in page.elements:
        if tag in ("iframe", "frame", "object", "embed", "base", "form", "link", "svg"):
            found.append(tag)
        for name, value in attrs.items():
            url = "".join(value.split()).lower()
            if name.startswith("on"):
                found.append(f"{tag} {name}")
            if url.startswith(("javascript:", "vbscript:")):
                found.append(f"{tag} {name}={value}")
            if url.startswith("data:") and not (tag == "img" and url.startswith("data:image/")):
                found.append(f"{tag} {name}={value[:30]}")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append("meta refresh")
    return found
