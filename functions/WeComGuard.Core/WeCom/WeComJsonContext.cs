using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>Source-generated (de)serializers for WeCom's API JSON.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(WeComResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(DepartmentSimpleListResponse))]
[JsonSerializable(typeof(DepartmentGetResponse))]
[JsonSerializable(typeof(UserListIdRequest))]
[JsonSerializable(typeof(UserListIdResponse))]
[JsonSerializable(typeof(WeComMember))]
[JsonSerializable(typeof(UserListResponse))]
[JsonSerializable(typeof(GroupChatListRequest))]
[JsonSerializable(typeof(GroupChatListResponse))]
[JsonSerializable(typeof(GroupChatGetRequest))]
[JsonSerializable(typeof(GroupChatGetResponse))]
[JsonSerializable(typeof(AppChatGetResponse))]
[JsonSerializable(typeof(OperLogRequest))]
[JsonSerializable(typeof(OperLogResponse<WeComMemberOperLogRecord>), TypeInfoPropertyName = "MemberOperLogResponse")]
[JsonSerializable(typeof(OperLogResponse<WeComAdminOperLogRecord>), TypeInfoPropertyName = "AdminOperLogResponse")]
[JsonSerializable(typeof(FileOperRecordRequest))]
[JsonSerializable(typeof(FileOperRecordResponse))]
[JsonSerializable(typeof(MessageSendRequest))]
[JsonSerializable(typeof(MessageSendResponse))]
[JsonSerializable(typeof(UnassignedListRequest))]
[JsonSerializable(typeof(UnassignedListResponse))]
[JsonSerializable(typeof(FollowUserListResponse))]
[JsonSerializable(typeof(ArchiveRoomRequest))]
[JsonSerializable(typeof(ArchiveRoomResponse))]
[JsonSerializable(typeof(ArchivePermitUserListRequest))]
[JsonSerializable(typeof(ArchivePermitUserListResponse))]
// The remediation loop (WeComRemediationProtocol.cs).
[JsonSerializable(typeof(UserUpdateEnableRequest))]
[JsonSerializable(typeof(BatchInviteRequest))]
[JsonSerializable(typeof(BatchInviteResponse))]
[JsonSerializable(typeof(GroupChatTransferRequest))]
[JsonSerializable(typeof(GroupChatTransferResponse))]
[JsonSerializable(typeof(TemplateCardSendRequest))]
[JsonSerializable(typeof(TemplateCardSendResponse))]
[JsonSerializable(typeof(TemplateCardUpdateRequest))]
[JsonSerializable(typeof(TemplateCardUpdateResponse))]
internal sealed partial class WeComJsonContext : JsonSerializerContext;
