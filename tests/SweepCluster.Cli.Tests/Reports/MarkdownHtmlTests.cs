using SweepCluster.Cli.Reports;

namespace SweepCluster.Cli.Tests.Reports;

public sealed class MarkdownHtmlTests
{
    [Fact]
    public void Tables_keep_escaped_pipes_inside_their_cells_and_drop_the_delimiter_row()
    {
        var html = MarkdownHtml.Convert("| curve | why |\n|---|---|\n| a \\| b | **pass** <ok> |\n");

        Assert.Equal("<table>\n<tr><th>curve</th><th>why</th></tr>\n<tr><td>a | b</td><td><strong>pass</strong> &lt;ok&gt;</td></tr>\n</table>\n", html);
    }

    [Fact]
    public void Headings_paragraphs_lists_code_and_links_are_marked_up_and_text_is_escaped()
    {
        var html = MarkdownHtml.Convert("# Title\n\nSee `docs/SCIENCE.md` and [errors](plots/error_vs_depth.png).\nx < y\n\n- one\n- two & three\n");

        Assert.Equal("<h1>Title</h1>\n<p>See <code>docs/SCIENCE.md</code> and <a href=\"plots/error_vs_depth.png\">errors</a>. x &lt; y</p>\n" +
                     "<ul>\n<li>one</li>\n<li>two &amp; three</li>\n</ul>\n", html);
    }
}
