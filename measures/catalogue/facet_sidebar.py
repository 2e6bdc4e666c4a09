"""The facets of the measure list as the filter form shows them, ready for one template.

`MeasureFilter.facets()` gives each facet's options with their counts; the form
shows some ninety of them on every page of the list. Whatever the template would
otherwise work out once per option (the checkbox's id, whether the label is in
another language than the page, "measure" or "measures" after the count) is
worked out here, so templates/includes/filter_form.html renders every facet
without an include or a translation per option. A long facet shows its first
options and folds the rest behind "Show all N".
"""

from django.utils.translation import npgettext

# A facet of more options than this shows the first SHOWN and folds the rest.
FOLD_AFTER = 7
SHOWN = 5


def sidebar(facets):
    """[{name, label, options, fold_at, open}]: each facet of `facets` as the form shows it.

    `fold_at`: the position of the first folded option, None when none folds;
    `open`: whether a folded option is ticked, so the fold opens by itself.
    """
    nouns = {}
    shown = []
    for facet in facets:
        options = [_option(facet["name"], option, nouns) for option in facet["options"]]
        fold_at = SHOWN if len(options) > FOLD_AFTER else None
        shown.append(
            {
                "name": facet["name"],
                "label": facet["label"],
                "options": options,
                "fold_at": fold_at,
                "open": fold_at is not None and any(o["checked"] for o in options[fold_at:]),
            }
        )
    return shown


def _option(name, option, nouns):
    count = option["count"]
    if count not in nouns:
        nouns[count] = npgettext("counted", "measure", "measures", count)
    label = option["label"]
    return {
        **option,
        "id": f"id_{name}_{option['value']}",
        # An entered name (measures.content_language.LocalText) in English on a translated page.
        "lang_attr": getattr(label, "lang_attr", ""),
        "noun": nouns[count],
    }
