namespace WeComGuard.Sandbox.Tenant;

/// <summary>A customer of a departed member still waiting to be handed over (externalcontact/get_unassigned_list).</summary>
public sealed class SandboxUnassignedCustomer
{
    public string HandoverUserId { get; set; } = string.Empty;

    public string ExternalUserId { get; set; } = string.Empty;

    public long DimissionTime { get; set; }
}
