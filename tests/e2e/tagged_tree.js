// tagged_tree.js - the structure tree of a PDF as MuPDF reads it, for
// tagged.sh: one line per structure element, indented two spaces a level:
//   TYPE pages=N [lang=LANG] [alt=TEXT]
// where N is the number of pages its content (its descendants' included)
// is on.
// Usage: mutool run tagged_tree.js FILE.pdf
var doc = new PDFDocument(scriptArgs[0]);

// An entry of a dictionary, or null (MuPDF versions differ on absent keys).
function get(o, key) {
    var v = o.get(key);
    return v && !v.isNull() ? v : null;
}

function pageOf(k, pg) {
    if (k.isNumber())
        return pg ? pg.toString() : "?";
    if (k.isDictionary() && get(k, "MCID") && get(k, "Pg"))
        return get(k, "Pg").toString();
    return null;
}

// Prints e and what is under it (depth first); returns the pages its
// content is on, its descendants' included, as a set.
function walk(e, depth) {
    if (!e.isDictionary() || !get(e, "S") || !get(e, "S").isName())
        return {};
    var kids = get(e, "K"), pg = get(e, "Pg"), pages = {}, list = [];
    if (kids && kids.isArray())
        for (var i = 0; i < kids.length; i++)
            list.push(kids.get(i));
    else if (kids)
        list.push(kids);
    var at = out.length;
    out.push("");
    for (var j = 0; j < list.length; j++) {
        var p = pageOf(list[j], pg);
        if (p !== null)
            pages[p] = 1;
        var sub = walk(list[j], depth + 1);
        for (var q in sub)
            pages[q] = 1;
    }
    var line = "", n = 0;
    for (var d = 0; d < depth; d++)
        line += "  ";
    for (var r in pages)
        n++;
    line += get(e, "S").asName() + " pages=" + n;
    if (get(e, "Lang"))
        line += " lang=" + get(e, "Lang").asString();
    if (get(e, "Alt"))
        line += " alt=" + get(e, "Alt").asString();
    out[at] = line;
    return pages;
}

var out = [];
var top = get(get(get(doc.getTrailer(), "Root"), "StructTreeRoot"), "K");
if (top.isArray())
    for (var t = 0; t < top.length; t++)
        walk(top.get(t), 0);
else
    walk(top, 0);
for (var o = 0; o < out.length; o++)
    print(out[o]);
