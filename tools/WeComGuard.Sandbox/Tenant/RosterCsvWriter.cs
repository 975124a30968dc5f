using System.Globalization;
using System.Text;

namespace WeComGuard.Sandbox.Tenant;

/// <summary>Writes the HR roster that matches a tenant, including its deliberately malformed lines.</summary>
public static class RosterCsvWriter
{
    public const string Header = "employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date";

    public static void Write(SandboxTenant tenant, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(writer);
        var departments = tenant.Departments.ToDictionary(d => d.Id, d => d.Name);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var member in tenant.Members)
        {
            var status = member.TerminationDate is null ? "active" : "terminated";
            string[] fields =
            [
                member.EmployeeId, member.RosterName ?? member.Name, member.UserId, member.Mobile, member.Email,
                departments.GetValueOrDefault(member.MainDepartment, string.Empty), member.Position, status,
                member.HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
                member.TerminationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            ];
            writer.Write(string.Join(',', fields.Select(Quote)));
            writer.Write('\n');
        }

        foreach (var line in tenant.MalformedRosterLines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    public static void WriteFile(SandboxTenant tenant, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(tenant, writer);
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
