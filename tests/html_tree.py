"""A forgiving element tree of a page, enough to read tables, forms and SVG."""

from html.parser import HTMLParser


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        # Text and child elements in document order.
        self.nodes = []

    @property
    def children(self):
        return [node for node in self.nodes if isinstance(node, Element)]

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        parts = [node if isinstance(node, str) else node.text for node in self.nodes]
        return " ".join(" ".join(parts).split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in the page"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TreeBuilder(HTMLParser):
    """A forgiving element tree of a page, enough to read tables, forms and SVG."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.nodes.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.nodes.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.nodes.append(data)


def parse(response):
    """The page of `response` as an element tree."""
    assert response.status_code == 200, response.status_code
    builder = TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root
