"""What a browser sends from a form of a page: its successful controls, as they stand.

A test reads the form the page shows, changes what a person would type, and posts
the rest as it came: hidden fields, management forms and rows included, so that it
meets the server exactly as a browser's request would.
"""

from tests.html_tree import parse

SKIPPED_INPUTS = {"submit", "button", "image", "file", "reset"}


def raw_text(element):
    return "".join(node if isinstance(node, str) else raw_text(node) for node in element.nodes)


def form_values(response, form_id):
    """name → list of values the form `form_id` of the page would send unchanged."""
    form = parse(response).find("form", id=form_id)
    values = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or "disabled" in element.attrs:
            continue
        if element.tag == "input":
            kind = (element.attrs.get("type") or "text").lower()
            if kind in SKIPPED_INPUTS:
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in element.attrs:
                    values.setdefault(name, []).append(element.attrs.get("value", "on"))
                continue
            values.setdefault(name, []).append(element.attrs.get("value") or "")
        elif element.tag == "textarea":
            # A browser drops the one line break that follows the opening tag.
            text = raw_text(element)
            values.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        elif element.tag == "select":
            options = element.find_all("option")
            chosen = [option for option in options if "selected" in option.attrs]
            if not chosen and options and "multiple" not in element.attrs:
                chosen = options[:1]
            values.setdefault(name, []).extend(
                option.attrs.get("value", option.text) for option in chosen
            )
    return values
