using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Web.Staff.Templates;

/// <summary>The editor's address for an event and channel, e.g. /staff/templates/invoice-sent/email, and back.</summary>
public static class TemplateRoutes
{
    public static string Editor(TemplateEvent templateEvent, MessageChannel channel) =>
        $"/staff/templates/{TemplateKeys.Of(templateEvent)}/{(channel == MessageChannel.Sms ? "sms" : "email")}";

    public static bool TryParse(string key, string channel, out TemplateEvent templateEvent, out MessageChannel messageChannel)
    {
        templateEvent = Enum.GetValues<TemplateEvent>().FirstOrDefault(e => TemplateKeys.Of(e) == key);
        messageChannel = channel == "sms" ? MessageChannel.Sms : MessageChannel.Email;
        return channel is "sms" or "email" && TemplateKeys.Of(templateEvent) == key;
    }
}
