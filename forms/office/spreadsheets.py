"""Staff exports that a spreadsheet cannot turn into formulas (OWASP "CSV Injection")."""

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value):
    """The value with a leading single quote if a spreadsheet would run it as a formula; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeCsvMixin:
    """For Wagtail's SpreadsheetExportMixin views: every CSV cell is neutralised after Wagtail's own formatting.

    The XLSX export needs nothing: Wagtail already stores a cell that openpyxl takes for a formula as text.
    """

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: cell_neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
