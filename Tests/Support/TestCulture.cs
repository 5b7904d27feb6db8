using System.Globalization;
using System.Runtime.CompilerServices;

namespace CivilAffairs.Tests.Support;

/// <summary>The tests read the UI as the bureau does: in Chinese, whatever the machine's locale.</summary>
internal static class TestCulture
{
    [ModuleInitializer]
    internal static void UseChinese()
    {
        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        CultureInfo.DefaultThreadCurrentCulture = chinese;
        CultureInfo.DefaultThreadCurrentUICulture = chinese;
        CultureInfo.CurrentCulture = chinese;
        CultureInfo.CurrentUICulture = chinese;
    }
}
