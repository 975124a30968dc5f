using System.Text;
using WeComGuard.Core.Events;

namespace WeComGuard.Tests.Callbacks;

public sealed class WeComEventParserTests
{
    private static WeComEvent Parse(string text) => WeComEventParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Update_user_exposes_every_field_including_extended_attributes()
    {
        var e = Parse("""
            <xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>
            <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType>update_user</ChangeType>
            <UserID><![CDATA[zhangsan]]></UserID><NewUserID><![CDATA[zhangsan001]]></NewUserID><Name><![CDATA[张三]]></Name>
            <Department><![CDATA[1,2,3]]></Department><MainDepartment>1</MainDepartment><IsLeaderInDept><![CDATA[1,0,0]]></IsLeaderInDept>
            <DirectLeader><![CDATA[lisi,wangwu]]></DirectLeader><Position><![CDATA[产品经理]]></Position><Mobile>13800000000</Mobile>
            <Gender>1</Gender><Email><![CDATA[zhangsan@gzdev.com]]></Email><BizMail><![CDATA[zhangsan@qyycs2.wecom.work]]></BizMail>
            <Status>1</Status><Avatar><![CDATA[http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0]]></Avatar>
            <Alias><![CDATA[zhangsan]]></Alias><Telephone><![CDATA[020-123456]]></Telephone><Address><![CDATA[广州市]]></Address>
            <ExtAttr><Item><Name><![CDATA[爱好]]></Name><Type>0</Type><Text><Value><![CDATA[旅游]]></Value></Text></Item>
            <Item><Name><![CDATA[卡号]]></Name><Type>1</Type><Web><Title><![CDATA[企业微信]]></Title><Url><![CDATA[https://work.weixin.qq.com]]></Url></Web></Item></ExtAttr>
            </xml>
            """);

        var member = Assert.IsType<MemberChangeEvent>(e);
        Assert.Equal("change_contact/update_user", member.Kind);
        Assert.Equal(("zhangsan", "zhangsan001", "张三"), (member.UserId, member.NewUserId, member.Name));
        Assert.Equal(["1", "2", "3"], member.Departments);
        Assert.Equal(["1", "0", "0"], member.IsLeaderInDepartment);
        Assert.Equal(["lisi", "wangwu"], member.DirectLeaders);
        Assert.Equal(("产品经理", "13800000000", "1", "1"), (member.Position, member.Mobile, member.Gender, member.Status));
        Assert.Equal("zhangsan@qyycs2.wecom.work", member.BizMail);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1403610513), member.CreateTime);
        Assert.Equal(2, member.ExtendedAttributes.Count);
        Assert.Equal("旅游", member.ExtendedAttributes[0]["Text.Value"]);
        Assert.Equal("https://work.weixin.qq.com", member.ExtendedAttributes[1]["Web.Url"]);
        Assert.False(member.IsDeletion);
    }

    [Fact]
    public void Change_external_chat_lists_the_changed_members_and_member_versions()
    {
        var e = Parse("""
            <xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>
            <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[CHAT_ID]]></ChatId>
            <ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>1</JoinScene>
            <QuitScene>0</QuitScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>Jack</Item><Item>Rose</Item></MemChangeList>
            <LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer><CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer></xml>
            """);

        var chat = Assert.IsType<ExternalChatChangeEvent>(e);
        Assert.Equal(("CHAT_ID", "add_member", "2"), (chat.ChatId, chat.UpdateDetail, chat.MemberChangeCount));
        Assert.Equal(["Jack", "Rose"], chat.ChangedMembers);
        Assert.Equal("9c3f97c2ada667dfb5f6d03308d963e1", chat.LastMemberVersion);
        Assert.Equal("71217227bbd112ecfe3a49c482195cb4", chat.CurrentMemberVersion);
    }

    [Theory]
    [InlineData("change_contact", "create_party", typeof(DepartmentChangeEvent))]
    [InlineData("change_contact", "delete_user", typeof(MemberChangeEvent))]
    [InlineData("change_contact", "update_tag", typeof(TagChangeEvent))]
    [InlineData("change_external_contact", "add_external_contact", typeof(ExternalContactChangeEvent))]
    [InlineData("msgaudit_notify", null, typeof(MessageArchiveNotifyEvent))]
    [InlineData("wedrive_file_change", "create_file", typeof(WeDriveFileChangeEvent))]
    [InlineData("subscribe", null, typeof(AppSubscriptionEvent))]
    [InlineData("a_future_event", null, typeof(WeComEvent))]
    public void Each_event_gets_its_type_and_unknown_events_are_kept(string eventName, string? changeType, Type expected)
    {
        var change = changeType is null ? string.Empty : $"<ChangeType>{changeType}</ChangeType>";
        var e = Parse($"<xml><MsgType>event</MsgType><Event>{eventName}</Event>{change}<Extra>kept</Extra></xml>");

        Assert.IsType(expected, e);
        Assert.Equal("kept", e.Field("Extra"));
    }

    [Fact]
    public void Wedrive_events_with_several_FileId_elements_list_them_all()
    {
        var e = Assert.IsType<WeDriveFileChangeEvent>(Parse(
            "<xml><MsgType>event</MsgType><Event>wedrive_file_change</Event><ChangeType>delete_file</ChangeType><FileId>f1</FileId><FileId>f2</FileId></xml>"));

        Assert.Equal(["f1", "f2"], e.FileIds);
    }

    [Fact]
    public void Tag_changes_split_their_csv_lists()
    {
        var tag = Assert.IsType<TagChangeEvent>(Parse(
            "<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>update_tag</ChangeType><TagId>1</TagId><AddUserItems>a,b</AddUserItems><DelPartyItems>3</DelPartyItems></xml>"));

        Assert.Equal(["a", "b"], tag.AddedUsers);
        Assert.Empty(tag.RemovedUsers);
        Assert.Equal(["3"], tag.RemovedDepartments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("<xml><MsgType>event</MsgType>")]
    [InlineData("<xml><Event>no_msgtype</Event></xml>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><MsgType>&b;</MsgType></xml>")]
    [InlineData("{\"MsgType\": ")]
    [InlineData("[1,2,3]")]
    public void Malformed_plaintexts_are_refused(string text)
    {
        Assert.Throws<WeComEventFormatException>(() => Parse(text));
    }

    [Fact]
    public void Deeply_nested_xml_is_refused()
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", 50)) + string.Concat(Enumerable.Repeat("</a>", 50));

        Assert.Throws<WeComEventFormatException>(() => Parse($"<xml><MsgType>event</MsgType>{nested}</xml>"));
    }
}
