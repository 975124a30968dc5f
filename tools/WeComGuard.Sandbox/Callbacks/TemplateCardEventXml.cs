using System.Globalization;
using System.Xml.Linq;

namespace WeComGuard.Sandbox.Callbacks;

/// <summary>
/// The decrypted XML of <c>template_card_event</c> as WeCom sends it when a member clicks a card's button:
/// FromUserName the clicker, EventKey the button's key, TaskId the card, CardType, ResponseCode (for
/// message/update_template_card) and AgentID.
/// </summary>
public static class TemplateCardEventXml
{
    public static string Click(string corpId, string userId, string taskId, string eventKey, string responseCode, string agentId, DateTimeOffset createTime, string cardType = "button_interaction") =>
        new XElement("xml",
            new XElement("ToUserName", new XCData(corpId)),
            new XElement("FromUserName", new XCData(userId)),
            new XElement("CreateTime", createTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new XElement("MsgType", new XCData("event")),
            new XElement("Event", new XCData("template_card_event")),
            new XElement("EventKey", new XCData(eventKey)),
            new XElement("TaskId", new XCData(taskId)),
            new XElement("CardType", new XCData(cardType)),
            new XElement("ResponseCode", new XCData(responseCode)),
            new XElement("AgentID", agentId)).ToString(SaveOptions.DisableFormatting);
}
