using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// What <c>wecomguard audit</c> evaluates with: the WeCom data source and the same group notice inspector the function
/// app registers, so that the CLI runs the rules the timer functions run.
/// </summary>
internal sealed record AuditCliInputs(IAuditDataSource Source, IGroupNoticeInspector? NoticeInspector);
