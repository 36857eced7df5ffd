using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SweepCluster.Cli.Reports;

/// <summary>Turns report.md into HTML, so report.html says exactly what report.md says (one writer of the verdict text).
/// Covers the Markdown that <see cref="VerdictMarkdown"/> and <see cref="StudyMarkdown"/> write: # headings, paragraphs,
/// pipe tables (with \| inside cells), "- " lists, **bold**, `code` and [text](link).</summary>
internal static partial class MarkdownHtml
{
    public static string Convert(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length;)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) { i++; continue; }
            if (Heading().Match(line) is { Success: true } heading)
            {
                var level = heading.Groups[1].Length;
                html.Append($"<h{level}>{Inline(heading.Groups[2].Value)}</h{level}>\n");
                i++;
            }
            else if (line.StartsWith('|'))
            {
                var block = TakeWhile(lines, ref i, l => l.StartsWith('|'));
                AppendTable(html, block);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                var items = TakeWhile(lines, ref i, l => l.StartsWith("- ", StringComparison.Ordinal));
                html.Append("<ul>\n");
                foreach (var item in items) html.Append($"<li>{Inline(item[2..])}</li>\n");
                html.Append("</ul>\n");
            }
            else
            {
                var paragraph = TakeWhile(lines, ref i, l => l.Trim().Length > 0 && !l.StartsWith('|') && !l.StartsWith('#') && !l.StartsWith("- ", StringComparison.Ordinal));
                html.Append($"<p>{Inline(string.Join(" ", paragraph))}</p>\n");
            }
        }
        return html.ToString();
    }

    private static List<string> TakeWhile(string[] lines, ref int i, Func<string, bool> belongs)
    {
        var block = new List<string>();
        while (i < lines.Length && belongs(lines[i])) block.Add(lines[i++]);
        return block;
    }

    private static void AppendTable(StringBuilder html, List<string> rows)
    {
        html.Append("<table>\n");
        for (int r = 0; r < rows.Count; r++)
        {
            var cells = Cells(rows[r]);
            if (cells.All(c => DelimiterCell().IsMatch(c))) continue;
            var tag = r == 0 ? "th" : "td";
            html.Append("<tr>").Append(string.Concat(cells.Select(c => $"<{tag}>{Inline(c)}</{tag}>"))).Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <summary>The cells of "| a | b \| c |": split on pipes not escaped by a backslash.</summary>
    private static List<string> Cells(string row)
    {
        var inner = row.Trim();
        inner = inner[1..(inner.EndsWith('|') && !inner.EndsWith("\\|", StringComparison.Ordinal) ? ^1 : ^0)];
        return UnescapedPipe().Split(inner).Select(c => c.Replace("\\|", "|", StringComparison.Ordinal).Trim()).ToList();
    }

    /// <summary>Escapes the text, then marks up code spans, bold and links (in that order, so code stays literal).</summary>
    private static string Inline(string text)
    {
        var parts = text.Split('`');
        var html = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            var escaped = WebUtility.HtmlEncode(parts[i]);
            if (i % 2 == 1 && i < parts.Length - 1) { html.Append($"<code>{escaped}</code>"); continue; }
            if (i % 2 == 1) html.Append('`');
            escaped = Bold().Replace(escaped, "<strong>$1</strong>");
            html.Append(Link().Replace(escaped, "<a href=\"$2\">$1</a>"));
        }
        return html.ToString();
    }

    [GeneratedRegex(@"^(#{1,6}) (.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*:?-{3,}:?\s*$")]
    private static partial Regex DelimiterCell();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
