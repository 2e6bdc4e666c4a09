"""What a filtered measure list shows, in words: its h1 and the start of its <title>.

"Digital skills: Podlaskie", "Measures: Finland, Poland", "E-services matching
“care”", "Measures · Budget: Under €50,000": made from the active filters' chips
(`MeasureFilter.active_filters()`), so a tab, a bookmark and a screen reader say
what the page holds. Places follow a colon rather than "in": many regions' names
need an article in German ("in der Woiwodschaft Podlachien"), which a name put
into a sentence cannot get.
"""

from django.utils.translation import gettext as _

PLACES = ("region", "country")
SUBJECTS = ("theme",)
# Facets of one option that says all ("Reviewed by an expert"): the facet's name before
# it would only repeat it, and made a German heading too wide for a phone.
SELF_EXPLAINING = ("reviewed",)


def list_heading(chips):
    themes = [str(chip["text"]) for chip in chips if chip["name"] in SUBJECTS]
    places = [str(chip["text"]) for chip in chips if chip["name"] in PLACES]
    words = [str(chip["text"]) for chip in chips if chip["name"] == "q"]
    others = [
        str(chip["text"]) if chip["name"] in SELF_EXPLAINING else f"{chip['label']}: {chip['text']}"
        for chip in chips
        if chip["name"] not in (*SUBJECTS, *PLACES, "q")
    ]
    subject = ", ".join(themes) if themes else _("Measures")
    if places:
        heading = _("%(subject)s: %(places)s") % {"subject": subject, "places": ", ".join(places)}
    else:
        heading = subject
    if words:
        heading = _("%(heading)s matching “%(words)s”") % {"heading": heading, "words": words[0]}
    if others:
        heading = " · ".join([heading, *others])
    return heading
