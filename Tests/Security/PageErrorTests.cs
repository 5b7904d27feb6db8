using Bunit;
using CivilAffairs.Dashboard.Components.Layout;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace CivilAffairs.Tests.Security;

/// <summary>
/// The probe's low finding: a refused action, an XML error or an out-of-memory in an import took the circuit down. The
/// layout now catches a page's failure, says it in Chinese, and leaves the layout (and the circuit) working.
/// </summary>
public sealed class PageErrorTests : ComponentTestContext
{
    protected override string Role => Roles.Caseworker;
    protected override bool RendersProviders => false;

    public static TheoryData<string, string> Failures => new()
    {
        { "permission", "无权" },
        { "xml", "文件无法读取" },
        { "memory", "内存超出了限制" },
        { "other", "操作未能完成，未保存任何更改" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failing_action_shows_its_message_in_Chinese_and_the_page_recovers(string kind, string expected)
    {
        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<FailingAction>(0);
            b.AddAttribute(1, nameof(FailingAction.Kind), kind);
            b.CloseComponent();
        })));

        layout.Find("[data-testid=fail]").Click();

        var alert = layout.Find("[data-testid=page-error]");
        Assert.Contains(expected, alert.TextContent);
        Assert.DoesNotContain("Exception", alert.TextContent);
        Assert.NotEmpty(layout.FindAll("[data-testid=sign-out]")); // the layout around the page is still there

        layout.Find("[data-testid=page-error-retry]").Click();
        Assert.Empty(layout.FindAll("[data-testid=page-error]"));
        Assert.NotEmpty(layout.FindAll("[data-testid=fail]"));
    }

    /// <summary>A page whose only button fails the way the probe made real pages fail.</summary>
    private sealed class FailingAction : ComponentBase
    {
        [Parameter] public string Kind { get; set; } = "";

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "fail");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, Fail));
            builder.AddContent(3, "go");
            builder.CloseElement();
        }

        private void Fail() => throw Kind switch
        {
            "permission" => new PermissionDeniedException("无权查看完整身份证号。"),
            "xml" => new System.Xml.XmlException("Data at the root level is invalid."),
            "memory" => new OutOfMemoryException(),
            _ => new InvalidOperationException("Sequence contains no elements"),
        };
    }
}
