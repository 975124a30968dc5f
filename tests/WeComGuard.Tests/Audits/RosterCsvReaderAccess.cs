using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Tests.Audits;

/// <summary>Parses CSV text with WeCom Guard's own RFC 4180 reader, to read reports back.</summary>
internal static class RosterCsvReaderAccess
{
    public static List<string[]> Read(string csv) =>
        [.. RosterCsvReader.Read(new StringReader(csv)).Select(record => record.Cells.ToArray())];
}
