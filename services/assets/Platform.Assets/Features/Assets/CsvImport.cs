using System.Globalization;
using System.Text;
using CsvHelper;

namespace Platform.Assets.Features.Assets;

/// <summary>One row of a CSV import that cannot be taken, by line number in the file (the header is line 1).</summary>
public sealed record ImportError(int Row, string? Column, string Message);

/// <summary>A row that passed every check, ready to become an asset.</summary>
public sealed record ImportRow(int Row, AssetDetails Details, AssetStatus Status, string? AssignedTo);

/// <summary>
/// Parses an asset CSV (RFC 4180, read by CsvHelper: commas, double-quoted fields, "" for a quote). Header names, any order, any case:
/// kind, model (required), serial, vendor, purchaseDate, cost, warrantyEnd (ISO dates, '.' decimals), location,
/// status (InStock by default), assignedTo (required when status is Assigned). No field may hold a control
/// character (NUL, a line break inside quotes…). Every problem of every row is
/// reported; the caller imports only when there is none.
/// </summary>
public static class CsvImport
{
    private static readonly string[] Required = ["kind", "model"];
    private static readonly string[] Known = ["kind", "model", "serial", "vendor", "purchasedate", "cost", "warrantyend", "location", "status", "assignedto"];
    private static readonly string[] Names = ["kind", "model", "serial", "vendor", "purchaseDate", "cost", "warrantyEnd", "location", "status", "assignedTo"];

    /// <summary>
    /// Decodes the file as UTF-8 (a leading byte-order mark is fine). Null text and the 1-based line of the first
    /// invalid byte sequence when the bytes are not UTF-8: replacing them would import garbage.
    /// </summary>
    public static (string? Text, int Line) Decode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return (new string(chars, 0, written), 0);
        return (null, 1 + bytes[..read].Count((byte)'\n'));
    }

    public static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors) Parse(string text, int maxRows)
    {
        var errors = new List<ImportError>();
        var rows = new List<ImportRow>();
        var records = ReadRecords(text, errors);
        if (errors.Count > 0) return (rows, errors);
        if (records.Count == 0)
        {
            errors.Add(new ImportError(1, null, "The file is empty; the first line must name the columns."));
            return (rows, errors);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var unknown in header.Where(h => !Known.Contains(h)))
            errors.Add(new ImportError(1, unknown, $"Unknown column '{unknown}'. Known: {string.Join(", ", Known)}."));
        foreach (var duplicate in header.GroupBy(h => h).Where(g => g.Count() > 1))
            errors.Add(new ImportError(1, duplicate.Key, $"Column '{duplicate.Key}' appears more than once."));
        foreach (var required in Required.Where(r => !header.Contains(r)))
            errors.Add(new ImportError(1, required, $"Column '{required}' is required."));
        if (errors.Count > 0) return (rows, errors);

        var data = records.Skip(1).Where(r => !(r.Fields.Count == 1 && string.IsNullOrWhiteSpace(r.Fields[0]))).ToList();
        if (data.Count == 0) errors.Add(new ImportError(1, null, "The file has no data rows."));
        if (data.Count > maxRows) errors.Add(new ImportError(1, null, $"At most {maxRows} rows per import; this file has {data.Count}."));
        if (errors.Count > 0) return (rows, errors);

        var serials = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in data)
        {
            var line = record.Line;
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new ImportError(line, null, $"Expected {header.Count} fields, found {record.Fields.Count}."));
                continue;
            }

            string? Field(string name)
            {
                var index = header.IndexOf(name);
                if (index < 0) return null;
                var value = record.Fields[index].Trim();
                return value.Length == 0 ? null : value;
            }

            var before = errors.Count;
            void Error(string column, string message) => errors.Add(new ImportError(line, column, message));

            // PostgreSQL cannot store U+0000 and no asset field means a control character (a quoted field's line
            // break included): the row is refused, without repeating the value in the other checks' messages.
            for (var f = 0; f < header.Count; f++)
                if (FirstControl(record.Fields[f].Trim()) is { } control)
                {
                    var name = Names[Array.IndexOf(Known, header[f])];
                    Error(name, $"'{name}' holds a control character ({EdgeInput.Describe(control)}); only printable text is accepted.");
                }

            if (errors.Count > before) continue;

            AssetKind kind = default;
            var kindText = Field("kind");
            if (kindText is null) Error("kind", "'kind' is required.");
            else if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
                Error("kind", $"'{kindText}' is not a kind; one of: {string.Join(", ", Enum.GetNames<AssetKind>())}.");
            var model = Field("model");
            if (model is null) Error("model", "'model' is required.");
            else if (model.Length > Lengths.Name) Error("model", $"'model' must be at most {Lengths.Name} characters.");
            var serial = Field("serial");
            if (serial is { Length: > Lengths.Serial }) Error("serial", $"'serial' must be at most {Lengths.Serial} characters.");
            else if (serial is not null)
            {
                if (serials.TryGetValue(serial, out var first)) Error("serial", $"Serial '{serial}' also appears on row {first}.");
                else serials[serial] = line;
            }

            var vendor = Field("vendor");
            if (vendor is { Length: > Lengths.Name }) Error("vendor", $"'vendor' must be at most {Lengths.Name} characters.");
            var location = Field("location");
            if (location is { Length: > Lengths.Name }) Error("location", $"'location' must be at most {Lengths.Name} characters.");
            var purchase = Date("purchasedate", Field("purchasedate"), Error);
            var warranty = Date("warrantyend", Field("warrantyend"), Error);
            if (purchase is not null && warranty is not null && warranty < purchase)
                Error("warrantyEnd", "The warranty cannot end before the purchase date.");
            decimal? cost = null;
            if (Field("cost") is { } costText)
            {
                if (!decimal.TryParse(costText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var c))
                    Error("cost", $"'{costText}' is not a non-negative amount (use '.' for decimals).");
                else cost = c;
            }

            var status = AssetStatus.InStock;
            if (Field("status") is { } statusText
                && (!Enum.TryParse(statusText, ignoreCase: true, out status) || !Enum.IsDefined(status) || int.TryParse(statusText, out _)
                    || !AssetLifecycle.CanStartIn(status)))
                Error("status", $"'{statusText}' is not a status an asset can be imported in: Ordered, InStock, Assigned, InRepair, Retired.");
            var assignedTo = Field("assignedto");
            if (assignedTo is { Length: > Lengths.Person }) Error("assignedTo", $"'assignedTo' must be at most {Lengths.Person} characters.");
            if (status == AssetStatus.Assigned && assignedTo is null) Error("assignedTo", "An Assigned asset needs 'assignedTo'.");
            if (status != AssetStatus.Assigned && assignedTo is not null) Error("assignedTo", "'assignedTo' is only for status Assigned.");

            if (errors.Count == before)
                rows.Add(new ImportRow(line, new AssetDetails(kind, model!, serial, vendor, purchase, cost, warranty, location), status, assignedTo));
        }

        return (rows, errors);
    }

    private static char? FirstControl(string value)
    {
        foreach (var c in value)
            if (char.IsControl(c)) return c;
        return null;
    }

    private static DateOnly? Date(string column, string? text, Action<string, string> error)
    {
        if (text is null) return null;
        var field = column == "purchasedate" ? "purchaseDate" : "warrantyEnd";
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            error(field, $"'{text}' is not a date (yyyy-MM-dd).");
        else if (!EdgeInput.InRange(date)) error(field, $"'{text}' {EdgeInput.DateRangeMessage}.");
        else return date;
        return null;
    }

    private sealed record Record(int Line, List<string> Fields);

    /// <summary>
    /// Splits the text into records of fields with CsvHelper (RFC 4180: quoted fields may hold commas, quotes and
    /// line breaks; a stray quote is kept as text), each with the line it starts on; empty lines are records too.
    /// </summary>
    private static List<Record> ReadRecords(string text, List<ImportError> errors)
    {
        var records = new List<Record>();
        var options = new CsvReaderOptions
        {
            Separator = ',', HasHeader = false, SkipEmptyLines = false, TrackLineNumbers = true,
            OnMalformedRecord = m =>
            {
                if (m.Reason == CsvMalformedReason.UnterminatedQuote) errors.Add(new ImportError((int)m.LineNumber, null, "A quoted field is not closed."));
            },
        };
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
            records.Add(new Record((int)reader.LineNumber, [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "")]));
        return records;
    }
}
