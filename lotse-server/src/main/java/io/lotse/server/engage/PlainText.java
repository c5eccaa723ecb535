package io.lotse.server.engage;

import java.util.regex.Pattern;

/** A plain-text version of an HTML template, for mail clients that show no HTML; tokens are kept. */
final class PlainText {

    private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</h[1-6]>|</li>|</tr>");
    private static final Pattern DROPPED = Pattern.compile("(?is)<(style|script|head)[^>]*>.*?</\\1>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private PlainText() {}

    static String fromHtml(String html) {
        String text = DROPPED.matcher(html).replaceAll("");
        text = LINK.matcher(text).replaceAll("$2 ($1)");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t]+", " ").replaceAll(" ?\\n ?", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
