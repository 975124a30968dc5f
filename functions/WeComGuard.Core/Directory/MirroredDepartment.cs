namespace WeComGuard.Core.DirectoryMirror;

/// <summary>A department as the mirror holds it (table <c>Departments</c>).</summary>
public sealed record MirroredDepartment(int Id, string Name, int ParentId, long Order, bool Removed, DateTimeOffset? RemovedAt, DateTimeOffset UpdatedAt);
