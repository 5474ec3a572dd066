"""The jupyter_kernel_test conformance suite (Debian python3-jupyter-kernel-test) with C# samples for
every test it offers."""
import unittest

import jupyter_kernel_test

import kernel_env

kernel_env.install_test_kernelspec()


class CSharpKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_env.KERNEL_NAME
    language_name = "csharp"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("something went wrong");'

    completion_samples = [
        {"text": "Console.Wri", "matches": {"Write", "WriteLine"}},
        {"text": "var discharge = 3.5; var depth = 1.0; disch", "matches": {"discharge"}},
        {"text": "Math.Sqr", "matches": {"Sqrt"}},
    ]

    complete_code_samples = ["1 + 1", "var x = 1;", "if (true) { Console.WriteLine(1); }", "class Gauge { }", "#!time\nvar y = 2;"]
    incomplete_code_samples = ["if (true) {", "var values = new[] { 1,", "Console.WriteLine(", "class Gauge {"]
    invalid_code_samples = ["var x = ;", "int 1x = 2;", "return return;", "#!nosuchmagic\n1"]

    code_page_something = 'Page("Help text for the pager");'
    code_generate_error = 'throw new InvalidOperationException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"hydro" + "logy"', "result": "hydrology"},
        {"code": 'HTML("<b>flow</b>")', "mime": "text/html", "result": "<b>flow</b>"},
    ]
    code_display_data = [
        {"code": 'display(HTML("<i>depth</i>"));', "mime": "text/html"},
        {"code": 'display(Markdown("**discharge**"));', "mime": "text/markdown"},
    ]
    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Console.WriteLine"
    code_clear_output = "ClearOutput();"


if __name__ == "__main__":
    unittest.main()
