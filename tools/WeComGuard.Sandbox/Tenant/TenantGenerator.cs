using System.Globalization;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Sandbox.Tenant;

/// <summary>
/// Generates a tenant deterministically from (members, groups, seed), planting the handbook violations WeCom Guard's
/// audits look for, so that demos and tests have something to find. <see cref="SandboxTenant.Planted"/> lists them.
/// </summary>
public static class TenantGenerator
{
    private static readonly string[] Surnames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin"];
    private static readonly string[] SurnamesHan = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] Given = ["Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao", "Ming", "Chao"];
    private static readonly string[] GivenHan = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"];
    private static readonly string[] DepartmentNames = ["销售部", "市场部", "研发部", "财务部", "人力资源部", "客服部", "法务部", "采购部", "运营部", "信息安全部"];
    private static readonly string[] Positions = ["经理", "专员", "工程师", "主管", "顾问", "助理", "总监"];

    /// <summary>The sensitive notice planted on one group: an example PRC ID number and a mobile number.</summary>
    public const string SensitiveNotice = "请各位客户核对信息：张三 身份证 11010519491231002X 手机 13912345678，如有问题请联系客服。";

    /// <summary>The app the generated admin log installs with the security team's approval (admin.app-installed's allowlist).</summary>
    public const string ApprovedApp = "WeCom Guard";

    public static SandboxTenant Generate(int members, int groups, int seed, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 20);
        ArgumentOutOfRangeException.ThrowIfNegative(groups);
        var random = new Random(seed);
        var tenant = new SandboxTenant();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var nowSeconds = now.ToUnixTimeSeconds();

        tenant.Departments.Add(new SandboxDepartment { Id = 1, Name = tenant.CorpName, ParentId = 0, Order = 100000000 });
        var departmentCount = Math.Max(2, members / 100);
        for (var id = 2; id <= departmentCount; id++)
        {
            var parent = id <= 11 ? 1 : random.Next(2, id);
            tenant.Departments.Add(new SandboxDepartment
            {
                Id = id,
                Name = DepartmentNames[(id - 2) % DepartmentNames.Length] + (id > 11 ? (id - 1).ToString(CultureInfo.InvariantCulture) + "组" : string.Empty),
                ParentId = parent,
                Order = 100000000 - id,
            });
        }

        for (var i = 0; i < members; i++)
        {
            var s = random.Next(Surnames.Length);
            var g = random.Next(Given.Length);
            var department = random.Next(2, departmentCount + 1);
            var member = new SandboxMember
            {
                UserId = string.Create(CultureInfo.InvariantCulture, $"{Surnames[s]}{Given[g]}{i:D6}"),
                Name = SurnamesHan[s] + GivenHan[g],
                Departments = [department],
                MainDepartment = department,
                IsLeaderInDept = [0],
                Position = Positions[random.Next(Positions.Length)],
                Mobile = string.Create(CultureInfo.InvariantCulture, $"13{random.Next(0, 10)}{random.Next(10000000, 100000000)}"),
                Gender = random.Next(1, 3).ToString(CultureInfo.InvariantCulture),
                Status = 1,
                Avatar = string.Create(CultureInfo.InvariantCulture, $"https://wework.qpic.cn/sandbox/{i}/0"),
                EmployeeId = string.Create(CultureInfo.InvariantCulture, $"E{100000 + i}"),
                HireDate = today.AddDays(-random.Next(30, 3000)),
            };
            member.Email = member.UserId.ToLowerInvariant() + "@example.com";
            if (random.Next(20) == 0 && departmentCount > 2)
            {
                var second = random.Next(2, departmentCount + 1);
                if (second != department)
                {
                    member.Departments.Add(second);
                    member.IsLeaderInDept.Add(0);
                }
            }

            tenant.Members.Add(member);
        }

        // People who left properly: exited in WeCom and terminated on the roster.
        for (var i = 0; i < Math.Max(1, members / 200); i++)
        {
            var member = tenant.Members[members - 1 - i];
            member.Status = 5;
            member.TerminationDate = today.AddDays(-random.Next(5, 200));
        }

        // Planted member violations use fixed low indexes so they are easy to find.
        var departedEnabled = new[] { tenant.Members[0], tenant.Members[1] };
        foreach (var member in departedEnabled)
        {
            member.TerminationDate = today.AddDays(-20);
            tenant.Planted.Add(new(SandboxViolationKinds.DepartedButEnabled, member.UserId));
        }

        tenant.Members[2].Position = string.Empty;
        tenant.Planted.Add(new(SandboxViolationKinds.MissingPosition, tenant.Members[2].UserId));
        tenant.Members[3].Avatar = string.Empty;
        tenant.Planted.Add(new(SandboxViolationKinds.MissingAvatar, tenant.Members[3].UserId));
        foreach (var member in new[] { tenant.Members[4], tenant.Members[5] })
        {
            member.Status = 4;
            member.HireDate = today.AddDays(-60);
            tenant.Planted.Add(new(SandboxViolationKinds.NotActivatedOverdue, member.UserId));
        }

        var exited = tenant.Members[members - 1];

        // Two more who left in WeCom (exited): one HR never recorded, one HR recorded yesterday. Kept out of the groups' member pool.
        var handoverPlants = members >= 40 && groups >= 10;
        if (handoverPlants)
        {
            tenant.Members[24].Status = 5;
            tenant.Members[25].Status = 5;
            tenant.Members[25].TerminationDate = today.AddDays(-1);
        }

        AddGroups(tenant, groups, random, nowSeconds, departedEnabled, exited);
        AddAccountSignals(tenant, nowSeconds);
        AddSecurityRecords(tenant, random, nowSeconds, departedEnabled, exited);

        AddAdminRecords(tenant, nowSeconds);
        tenant.AppChats.Add(new SandboxAppChat { ChatId = "appchat-ops", Name = "运维通知", Owner = tenant.Members[6].UserId, UserList = [tenant.Members[6].UserId, tenant.Members[7].UserId, tenant.Members[8].UserId] });
        AddHandover(tenant, exited, handoverPlants ? (tenant.Members[24], tenant.Members[25]) : null, nowSeconds);
        AddArchive(tenant, departedEnabled, exited, nowSeconds);

        tenant.MalformedRosterLines.Add("E999001,赵六,ZhaoLiu999001,13800000000");
        tenant.MalformedRosterLines.Add("E999002,钱七,QianQi999002,13800000001,qianqi@example.com,销售部,专员,active,2023-13-45,");
        tenant.Planted.Add(new(SandboxViolationKinds.MalformedRosterRow, "E999001"));
        tenant.Planted.Add(new(SandboxViolationKinds.MalformedRosterRow, "E999002"));
        return tenant;
    }

    private static void AddGroups(SandboxTenant tenant, int groups, Random random, long nowSeconds, SandboxMember[] departedEnabled, SandboxMember exited)
    {
        var active = tenant.Members.Where(m => m.Status == 1 && m.TerminationDate is null).ToList();
        for (var i = 0; i < groups; i++)
        {
            var owner = active[random.Next(active.Count)];
            var chat = new SandboxGroupChat
            {
                ChatId = string.Create(CultureInfo.InvariantCulture, $"wrSandbox{i:D8}"),
                Name = string.Create(CultureInfo.InvariantCulture, $"客户群{i + 1}"),
                Owner = owner.UserId,
                CreateTime = nowSeconds - random.Next(86400, 86400 * 700),
            };
            AddChatMember(chat, owner.UserId, 1, random, null);
            var internalCount = random.Next(0, 4);
            for (var k = 0; k < internalCount; k++)
            {
                AddChatMember(chat, active[random.Next(active.Count)].UserId, 1, random, owner.UserId);
            }

            var externalCount = random.Next(1, 12);
            for (var k = 0; k < externalCount; k++)
            {
                AddChatMember(chat, string.Create(CultureInfo.InvariantCulture, $"wmSandbox{random.Next(0, 1_000_000):D7}"), 2, random, owner.UserId);
            }

            chat.MemberVersion = SandboxTenant.NextMemberVersion(chat.ChatId, string.Empty);
            tenant.GroupChats.Add(chat);
        }

        if (groups < 8)
        {
            return;
        }

        tenant.GroupChats[0].Name = string.Empty;
        tenant.Planted.Add(new(SandboxViolationKinds.UnnamedGroup, tenant.GroupChats[0].ChatId));
        tenant.GroupChats[1].Name = string.Empty;
        tenant.Planted.Add(new(SandboxViolationKinds.UnnamedGroup, tenant.GroupChats[1].ChatId));

        var ownerGone = tenant.GroupChats[2];
        ownerGone.Owner = exited.UserId;
        ownerGone.Status = 1;
        ownerGone.Members[0].UserId = exited.UserId;
        tenant.Planted.Add(new(SandboxViolationKinds.GroupOwnerDeparted, ownerGone.ChatId));
        var ownerDepartedButEnabled = tenant.GroupChats[3];
        ownerDepartedButEnabled.Owner = departedEnabled[0].UserId;
        ownerDepartedButEnabled.Members[0].UserId = departedEnabled[0].UserId;
        tenant.Planted.Add(new(SandboxViolationKinds.GroupOwnerDeparted, ownerDepartedButEnabled.ChatId));

        var withDeparted = tenant.GroupChats[4];
        AddChatMember(withDeparted, departedEnabled[1].UserId, 1, random, withDeparted.Owner);
        withDeparted.MemberVersion = SandboxTenant.NextMemberVersion(withDeparted.ChatId, withDeparted.MemberVersion);
        tenant.Planted.Add(new(SandboxViolationKinds.GroupWithDepartedMember, withDeparted.ChatId));

        // Two groups with the same owner and the same members.
        var original = tenant.GroupChats[5];
        var copy = tenant.GroupChats[6];
        copy.Owner = original.Owner;
        copy.Members = original.Members.Select(m => new SandboxGroupChatMember { UserId = m.UserId, Type = m.Type, JoinTime = m.JoinTime, JoinScene = m.JoinScene, Invitor = m.Invitor, Name = m.Name }).ToList();
        copy.MemberVersion = SandboxTenant.NextMemberVersion(copy.ChatId, copy.MemberVersion);
        tenant.Planted.Add(new(SandboxViolationKinds.OverlappingGroups, original.ChatId + "," + copy.ChatId));

        tenant.GroupChats[7].Notice = SensitiveNotice;
        tenant.Planted.Add(new(SandboxViolationKinds.SensitiveGroupNotice, tenant.GroupChats[7].ChatId));
    }

    // Departed members' customers and groups awaiting 离职继承 (§2.3.2), with WeCom's dimission_time.
    private static void AddHandover(SandboxTenant tenant, SandboxMember exited, (SandboxMember Unrecorded, SandboxMember Recent)? more, long nowSeconds)
    {
        // WeCom removed the account in the evening of HR's termination date (18:00 China time), five days ago or more.
        var exitedAt = new DateTimeOffset(exited.TerminationDate!.Value.ToDateTime(new TimeOnly(18, 0)), TimeSpan.FromHours(8)).ToUnixTimeSeconds();
        tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = exited.UserId, ExternalUserId = "wmSandboxExternal0001", DimissionTime = exitedAt });
        tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = exited.UserId, ExternalUserId = "wmSandboxExternal0002", DimissionTime = exitedAt });
        tenant.Planted.Add(new(SandboxViolationKinds.CustomersUnassigned, exited.UserId));
        if (tenant.GroupChats.Count >= 8 && tenant.GroupChats[2].Status == 1)
        {
            tenant.Planted.Add(new(SandboxViolationKinds.GroupsPendingHandover, tenant.GroupChats[2].ChatId));
        }

        if (more is not { } people)
        {
            return;
        }

        tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = people.Unrecorded.UserId, ExternalUserId = "wmSandboxExternal0003", DimissionTime = nowSeconds - (10 * 86400) });
        tenant.Planted.Add(new(SandboxViolationKinds.CustomersUnassigned, people.Unrecorded.UserId));
        tenant.Planted.Add(new(SandboxViolationKinds.DepartureUnrecorded, people.Unrecorded.UserId));

        // Within the grace period: no finding yet.
        tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = people.Recent.UserId, ExternalUserId = "wmSandboxExternal0004", DimissionTime = nowSeconds - 86400 });

        foreach (var (chat, owner, status) in new[] { (tenant.GroupChats[8], people.Unrecorded, 2), (tenant.GroupChats[9], people.Recent, 1) })
        {
            chat.Owner = owner.UserId;
            chat.Members[0].UserId = owner.UserId;
            chat.Status = status;
            tenant.Planted.Add(new(SandboxViolationKinds.GroupOwnerDeparted, chat.ChatId));
        }

        tenant.Planted.Add(new(SandboxViolationKinds.GroupsPendingHandover, tenant.GroupChats[8].ChatId));
    }

    // 会话内容存档 (§4.2): internal groups the exporter saw, with planted violations, and a permit list missing one
    // member who owns a customer group. Uses no random numbers, so the rest of a seed's tenant is unchanged.
    private static void AddArchive(SandboxTenant tenant, SandboxMember[] departedEnabled, SandboxMember exited, long nowSeconds)
    {
        var m = tenant.Members;
        tenant.ArchivePermitUsers = [.. m.Select(member => member.UserId)];
        if (m.Count < 40 || tenant.GroupChats.Count < 8)
        {
            return;
        }

        SandboxArchiveRoom Room(int number, string name, string creator, params string[] others)
        {
            var created = nowSeconds - (number * 86400 * 10);
            var room = new SandboxArchiveRoom
            {
                RoomId = string.Create(CultureInfo.InvariantCulture, $"wrInternal{number:D8}"),
                RoomName = name,
                Creator = creator,
                RoomCreateTime = created,
                Members = [.. new[] { creator }.Concat(others).Select((id, i) => new SandboxArchiveRoomMember { MemberId = id, JoinTime = created + i })],
            };
            tenant.ArchiveRooms.Add(room);
            return room;
        }

        Room(1, "项目周会", m[26].UserId, m[27].UserId, m[28].UserId, m[29].UserId);
        var unnamed = Room(2, string.Empty, m[27].UserId, m[30].UserId, m[31].UserId);
        tenant.Planted.Add(new(SandboxViolationKinds.UnnamedInternalGroup, unnamed.RoomId));
        var ownerGone = Room(3, "交接小组", exited.UserId, m[32].UserId, m[33].UserId);
        tenant.Planted.Add(new(SandboxViolationKinds.InternalGroupOwnerDeparted, ownerGone.RoomId));
        var withDeparted = Room(4, "采购协调", m[34].UserId, m[35].UserId, departedEnabled[1].UserId);
        tenant.Planted.Add(new(SandboxViolationKinds.InternalGroupWithDepartedMember, withDeparted.RoomId));
        var copy = Room(5, "项目周会（新）", m[26].UserId, m[27].UserId, m[28].UserId, m[29].UserId);
        tenant.Planted.Add(new(SandboxViolationKinds.OverlappingInternalGroups, "wrInternal00000001|" + copy.RoomId));

        // An owner of a customer group whose chats are not archived.
        var unarchived = tenant.GroupChats[5].Owner;
        tenant.ArchivePermitUsers.Remove(unarchived);
        tenant.Planted.Add(new(SandboxViolationKinds.ArchiveScopeGap, unarchived));

        // Customer contact is configured for the customer groups' owners and for one member who owns and joins no
        // customer group (their customers are 1:1 contacts) and whose chats are not archived either.
        var inGroups = tenant.GroupChats.SelectMany(chat => chat.Members.Select(member => member.UserId)).ToHashSet(StringComparer.Ordinal);
        tenant.FollowUsers = [.. tenant.GroupChats.Select(chat => chat.Owner).Distinct(StringComparer.Ordinal)];
        var planted = tenant.Planted.Select(p => p.Subject).ToHashSet(StringComparer.Ordinal);
        if (m.Skip(9).FirstOrDefault(member => member.Status == 1 && member.TerminationDate is null && !inGroups.Contains(member.UserId) && !planted.Contains(member.UserId)) is { } contactOnly)
        {
            tenant.FollowUsers.Add(contactOnly.UserId);
            tenant.ArchivePermitUsers.Remove(contactOnly.UserId);
            tenant.Planted.Add(new(SandboxViolationKinds.ArchiveScopeGapCustomerContact, contactOnly.UserId));
        }

        tenant.BrokenArchiveRoomLines.Add("{\"roomid\":\"wrInternal0000");
        tenant.BrokenArchiveRoomLines.Add("not json");
    }

    // Account takeover and lending signals in the member log (§2.2), each planted, beside changes that are no finding.
    private static void AddAccountSignals(SandboxTenant tenant, long nowSeconds)
    {
        if (tenant.Members.Count < 40)
        {
            return;
        }

        const long Day = 86400;
        var m = tenant.Members;
        void Log(SandboxMember member, int operType, long ago) =>
            tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = nowSeconds - ago, UserId = member.UserId, OperType = operType, DetailInfo = "账号变更", Ip = "203.0.113.80" });

        Log(m[16], 9, Day);
        tenant.Planted.Add(new(SandboxViolationKinds.LoginBanned, m[16].UserId));
        Log(m[17], 20, 2 * Day);
        tenant.Planted.Add(new(SandboxViolationKinds.InteropBanned, m[17].UserId));

        // A new mobile, then WeChat rebound a day later: both rules see the other change.
        Log(m[18], 5, 3 * Day);
        Log(m[18], 7, 2 * Day);
        tenant.Planted.Add(new(SandboxViolationKinds.MobileChanged, m[18].UserId));
        tenant.Planted.Add(new(SandboxViolationKinds.WeChatRebound, m[18].UserId));

        // A new-device login, then WeChat bound an hour later.
        Log(m[19], 4, Day);
        Log(m[19], 6, Day - 3600);
        tenant.Planted.Add(new(SandboxViolationKinds.WeChatRebound, m[19].UserId));

        // No finding: a mobile change on its own; a rebind five days before a new-device login (more than 3 days apart).
        Log(m[20], 5, 2 * Day);
        Log(m[21], 7, 6 * Day);
        Log(m[21], 4, Day);

        // Renamed away from the roster name (account.name-mismatch sees it too); renamed to the roster name: no finding.
        m[22].RosterName = m[22].Name;
        m[22].Name = "小" + m[22].Name[^1..];
        Log(m[22], 12, Day);
        tenant.Planted.Add(new(SandboxViolationKinds.NameChanged, m[22].UserId));
        Log(m[23], 12, Day);
    }

    // The admin console's log: watched actions (each planted), an approved app, and everyday actions that are no finding.
    private static void AddAdminRecords(SandboxTenant tenant, long nowSeconds)
    {
        var admin = tenant.Members[12];
        var second = tenant.Members[13];
        (int DetailType, int OperType, string Detail, string? Kind, SandboxMember By)[] records =
        [
            (26, 8, $"应用名称：{ApprovedApp}；AgentId：1000002", null, admin),
            (26, 8, "应用名称：快捷群发助手；AgentId：1000031", SandboxViolationKinds.UnapprovedAppInstalled, admin),
            (123, 8, "小程序名称：报价小工具", SandboxViolationKinds.UnapprovedAppInstalled, second),
            (29, 8, "应用名称：快捷群发助手；可见范围：全公司", SandboxViolationKinds.UnapprovedAppInstalled, admin),
            (159, 8, "应用名称：通讯录同步；查看Secret", SandboxViolationKinds.SecretExposed, second),
            (172, 12, "企业可信IP：198.51.100.0/24", SandboxViolationKinds.TrustedIpChanged, admin),
            (30, 3, "导出通讯录：全部成员", SandboxViolationKinds.DataExported, second),
            (5, 2, $"姓名：{tenant.Members[14].Name}；手机号：{tenant.Members[14].Mobile}", SandboxViolationKinds.AdminRightsGranted, admin),
            (23, 7, "登录后台", null, admin),
            (14, 3, $"姓名：{tenant.Members[15].Name}；手机号：{tenant.Members[15].Mobile}", null, second),
        ];
        var n = 0;
        foreach (var (detailType, operType, detail, kind, by) in records)
        {
            var record = new SandboxAdminOperLog
            {
                Time = nowSeconds - 86400 * (2 + n) - 3600 * n,
                UserId = by.UserId,
                OperType = operType,
                DetailType = detailType,
                DetailInfo = detail,
                Ip = string.Create(CultureInfo.InvariantCulture, $"203.0.113.{50 + n++}"),
            };
            tenant.AdminOperLogs.Add(record);
            if (kind is not null)
            {
                tenant.Planted.Add(new(kind, AdminActionRule.SubjectFor(
                    new AdminOperRecord(DateTimeOffset.FromUnixTimeSeconds(record.Time), record.UserId, record.OperType, record.DetailType, record.DetailInfo))));
            }
        }
    }

    private static void AddChatMember(SandboxGroupChat chat, string userId, int type, Random random, string? invitor)
    {
        if (chat.Members.Any(m => m.UserId == userId))
        {
            return;
        }

        chat.Members.Add(new SandboxGroupChatMember
        {
            UserId = userId,
            Type = type,
            JoinTime = chat.CreateTime + random.Next(0, 86400 * 30),
            JoinScene = invitor is null ? 1 : random.Next(1, 4),
            Invitor = invitor,
        });
    }

    private static void AddSecurityRecords(SandboxTenant tenant, Random random, long nowSeconds, SandboxMember[] departedEnabled, SandboxMember exited)
    {
        // Three new-device logins within a day by one member: the handbook's "accounts are never lent" signal (§2.2.3).
        var lender = tenant.Members[10];
        for (var i = 0; i < 3; i++)
        {
            var member = lender;
            tenant.MemberOperLogs.Add(new SandboxMemberOperLog
            {
                Time = nowSeconds - 3600 * (i + 2),
                UserId = member.UserId,
                OperType = 4,
                DetailInfo = "新设备登录: Windows PC",
                Ip = string.Create(CultureInfo.InvariantCulture, $"203.0.113.{10 + i}"),
            });
        }

        tenant.Planted.Add(new(SandboxViolationKinds.NewDeviceLogin, lender.UserId));

        for (var i = 0; i < 40; i++)
        {
            tenant.MemberOperLogs.Add(new SandboxMemberOperLog
            {
                Time = nowSeconds - random.Next(60, 86400 * 20),
                UserId = tenant.Members[random.Next(tenant.Members.Count)].UserId,
                OperType = random.Next(0, 2) == 0 ? 1 : 11,
                DetailInfo = "操作记录",
                Ip = "198.51.100.7",
            });
        }

        tenant.MemberOperLogs.Sort((a, b) => a.Time.CompareTo(b.Time));

        var sensitive = "姓名,手机,身份证\n张三,13912345678,11010519491231002X\n李四,13812345679,110105194912310029\n"u8.ToArray();
        tenant.Media.Add(new SandboxMedia { MediaId = "media-customers-csv", FileName = "客户名单.csv", ContentType = "text/csv", ContentBase64 = Convert.ToBase64String(sensitive) });
        tenant.Media.Add(new SandboxMedia { MediaId = "media-meeting-notes", FileName = "meeting-notes.txt", ContentType = "text/plain", ContentBase64 = Convert.ToBase64String("Quarterly planning: nothing sensitive here.\n"u8.ToArray()) });
        tenant.Media.Add(new SandboxMedia { MediaId = "media-large-archive", FileName = "archive.bin", ContentType = "application/octet-stream", Size = 21 * 1024 * 1024 + 12345 });
        var downloads = new[] { ("media-customers-csv", departedEnabled[0].UserId), ("media-meeting-notes", tenant.Members[9].UserId), ("media-large-archive", exited.UserId) };
        var n = 0;
        foreach (var (mediaId, userId) in downloads)
        {
            var media = tenant.Media.First(m => m.MediaId == mediaId);
            tenant.FileOperRecords.Add(new SandboxFileOperRecord
            {
                Time = nowSeconds - 3600 * (++n),
                UserId = userId,
                OperationType = 103,
                OperationSource = 401,
                FileInfo = media.FileName,
                FileSize = media.Length,
                FileMd5 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mediaId)).AsSpan(0, 16)),
                DeviceType = 2,
                DeviceCode = "SANDBOX-DEVICE-" + n.ToString(CultureInfo.InvariantCulture),
                MediaId = mediaId,
            });
        }
    }
}
