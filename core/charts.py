"""Bar charts of the admin's reports (the pipeline, the visitors) drawn as inline SVG,
each with its table and its CSV: no JavaScript, no outside library."""

from django.utils.translation import gettext_lazy as _

from core.spreadsheets import spreadsheet_response

PALETTE = ["#1a6b33", "#b42318", "#6b6b6b", "#0a5a8c"]
SINGLE = "#0a5a8c"


class Chart:
    """Rows of (label, [values]) for ``series``; ``unit`` says what a value counts.
    ``table_only``: figures that do not add up to a bar (a total beside its parts) are
    shown as their table alone."""

    def __init__(self, slug, title, series, rows, unit="", table_only=False):
        self.slug = slug
        self.title = title
        self.series = series
        self.rows = rows
        self.unit = unit
        self.table_only = table_only

    @property
    def total_max(self):
        return max((sum(values) for _label, values in self.rows), default=0) or 1

    def colour(self, serie):
        return SINGLE if len(self.series) == 1 else PALETTE[serie % len(PALETTE)]

    def svg(self, width=640, bar=22, gap=8, label_width=220):
        """Geometry of the bars: one group per row, one rectangle per series."""
        scale = (width - label_width - 60) / self.total_max
        groups = []
        for index, (label, values) in enumerate(self.rows):
            y = index * (bar + gap)
            x = label_width
            segments = []
            for serie, value in enumerate(values):
                length = value * scale
                if value:
                    segments.append(
                        {
                            "x": round(x, 1),
                            "width": round(max(length, 1), 1),
                            "colour": self.colour(serie),
                            "value": value,
                            "serie": self.series[serie],
                        }
                    )
                x += length
            groups.append(
                {
                    "y": y,
                    "text_y": round(y + bar * 0.7, 1),
                    "label": label,
                    "segments": segments,
                    "total": round(sum(values), 1),
                    "total_x": round(x + 6, 1),
                }
            )
        return {
            "width": width,
            "height": max(len(self.rows), 1) * (bar + gap),
            "bar": bar,
            "label_width": label_width,
            "groups": groups,
            "legend": [(name, self.colour(i)) for i, name in enumerate(self.series)],
        }

    def csv_response(self):
        rows = self.csv_rows()
        return spreadsheet_response(self.slug, next(rows), rows)

    def csv_rows(self):
        yield [str(_("Row")), *[str(name) for name in self.series]]
        for label, values in self.rows:
            yield [str(label), *values]
