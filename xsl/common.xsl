<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - shared module of the rolepress stylesheets.

  Imported by job-description.xsl, career-guide.xsl and handbook.xsl.  It
  holds what every document kind must do the same way, so that the three
  outputs look like one family of documents:

    * the stylesheet parameters (paper, ladder) and the ladder lookups
      (family, level and proficiency display names);
    * <meta>, the page template and the shared named <style> set;
    * blueprint prose (text, em, strong) -> layout inline content (i, b);
    * display labels for the blueprint's enumerations (group kinds, skill
      categories, KPI cadences, statuses, career moves) and dates;
    * src-of, which copies a blueprint element's source position onto
      the layout block made from it.

  Input: a blueprint <role> (xml/schema/blueprint.rng), or for the handbook
  a <rolepress-set> holding the handbook definition, the ladder and every
  role (see "Two kinds of input" below).  Output: fragments of a layout
  <document> (xml/schema/layout.rng).  XSLT 1.0 plus
  exsl:node-set; nothing is written to disk and nothing is fetched from
  the network.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                xmlns:func="http://exslt.org/functions"
                xmlns:rp="urn:x-rolepress:xsl"
                xmlns:rpt="urn:x-rolepress:typeset"
                extension-element-prefixes="exsl func"
                exclude-result-prefixes="rp rpt">

  <!-- ============================================================ params -->
  <!-- Stylesheet parameters are strings (rolepress param NAME=VALUE, or
       xsltproc's stringparam). -->

  <!-- Paper size: A4 or Letter (A5 and Legal are accepted too, since the
       layout vocabulary knows them).  Case-insensitive. -->
  <xsl:param name="paper" select="'A4'"/>

  <!-- Location of the ladder definition.  A relative value is resolved
       against the directory of this stylesheet (document() with a string
       argument uses the stylesheet as base), so the default works whenever
       xsl/ and xml/ are siblings, wherever rolepress is run from.  Pass an
       absolute path or a file: URI to use another ladder. -->
  <xsl:param name="ladder" select="'../xml/ladders.xml'"/>

  <!-- Two kinds of input.  A single blueprint (<role>, the job description
       and the career guide): the ladder is read from $ladder and other
       roles from the files beside the input.  A whole set (the handbook):
       rolepress assembles one document,

         <rolepress-set>
           <handbook>...</handbook>   the root of xml/handbook.xml
           <ladder>...</ladder>       the root of the set's ladders.xml
           <role id="...">...</role>  one per blueprint, in file-name order
         </rolepress-set>

       and everything is looked up inside it; no file is read. -->
  <xsl:variable name="set-mode" select="boolean(/rolepress-set)"/>
  <xsl:variable name="set-roles" select="/rolepress-set/role"/>

  <!-- The node whose <ladder> child every lookup reads: the set itself, or
       the ladder file, loaded once per transformation (libxslt caches
       documents by URI).  An empty node-set if it cannot be read: every
       lookup then falls back to printing the id, so a missing ladder
       degrades the text, never fails. -->
  <xsl:variable name="ladder-doc"
      select="/rolepress-set[ladder] | document($ladder)[not($set-mode)]"/>
  <!-- Its <ladder>, found once: in a set, $ladder-doc/ladder would step
       over every role each time a name is looked up. -->
  <xsl:variable name="ladder-el" select="$ladder-doc/ladder"/>

  <!-- The other roles a blueprint's career path names (move role="id"), as
       <role> elements: the set's roles, or for a single blueprint the
       files id.xml beside it, each loaded once (document() with a node-set
       of file names, resolved against the input).  A role that cannot be
       read is simply missing here; stylesheets treat it as outside the
       set. -->
  <xsl:variable name="linked-role-files">
    <xsl:if test="not($set-mode)">
      <xsl:for-each select="/role/career-path/move/@role">
        <file><xsl:value-of select="concat(normalize-space(.), '.xml')"/></file>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="linked-roles"
      select="document(exsl:node-set($linked-role-files)/file, /)/role"/>
  <xsl:variable name="known-roles" select="$set-roles | $linked-roles"/>

  <!-- Lookups by role id go through a key, not a scan of $known-roles:
       the handbook makes one per cross-reference, thousands in a large
       set, and a scan each would make the book quadratic in its roles.
       key() searches the document of the context node, which may be a
       result-tree fragment where the lookup is made, hence the for-each
       back to the input document. -->
  <xsl:key name="role-by-id" match="/rolepress-set/role" use="@id"/>
  <xsl:variable name="input-root" select="/"/>

  <!-- rp:role($id): the <role> elements of the set or the linked files
       with that id ($id a string or a node-set of ids). -->
  <func:function name="rp:role">
    <xsl:param name="id"/>
    <xsl:for-each select="$input-root">
      <func:result select="key('role-by-id', $id) | $linked-roles[@id = $id]"/>
    </xsl:for-each>
  </func:function>

  <!-- The page size actually used; unknown values fall back to A4 so the
       output stays valid against layout.rng. -->
  <xsl:variable name="paper-size">
    <xsl:variable name="p" select="translate(normalize-space($paper),
                                   'abcdefghijklmnopqrstuvwxyz',
                                   'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
    <xsl:choose>
      <xsl:when test="$p = 'A4'">A4</xsl:when>
      <xsl:when test="$p = 'A5'">A5</xsl:when>
      <xsl:when test="$p = 'LETTER'">Letter</xsl:when>
      <xsl:when test="$p = 'LEGAL'">Legal</xsl:when>
      <xsl:otherwise>
        <xsl:message>rolepress: unknown paper "<xsl:value-of select="$paper"/>", using A4</xsl:message>
        <xsl:text>A4</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Accent colour of headings and table heads, #rrggbb: the one colour
       an organisation most often wants to make its own, so it is a
       parameter (rolepress: param accent=#8a1538). -->
  <xsl:param name="accent" select="'#1f3a5f'"/>

  <!-- ==================================================== localisation -->
  <!-- Every fixed text a document prints (headings, table heads, page
       furniture, labels, family, level and proficiency names, date
       patterns, the diagrams' text alternatives) is a
       message of a catalogue, xml/l10n/LANG.xml (schema
       xml/schema/l10n.rng), looked up by key with rp:msg.

       $lang: the document's language tag; empty means the input's own
       xml:lang (a blueprint's, or the handbook definition's), else en.
       rolepress passes lang="..." for its lang option.
       $catalogue: the catalogue file to read.  rolepress passes the one
       it chose (exact tag, else the primary subtag, else en, with a
       warning); run by hand, the same choice is made here, by trying the
       files.  A relative value is resolved against this stylesheet's
       directory, like $ladder. -->
  <xsl:param name="lang" select="''"/>
  <xsl:param name="catalogue" select="''"/>

  <xsl:variable name="doc-lang">
    <xsl:variable name="own"
        select="normalize-space((/role/@xml:lang | /rolepress-set/handbook/@xml:lang)[1])"/>
    <xsl:choose>
      <xsl:when test="normalize-space($lang)"><xsl:value-of select="normalize-space($lang)"/></xsl:when>
      <xsl:when test="$own"><xsl:value-of select="$own"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- $doc-lang compared as language tags are (case aside, _ for -). -->
  <xsl:variable name="doc-lang-key"
      select="translate($doc-lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_', 'abcdefghijklmnopqrstuvwxyz-')"/>

  <xsl:variable name="l10n-dir" select="'../xml/l10n/'"/>

  <!-- The catalogue's document node: the one given, else the first that
       exists of LANG-TAG.xml, PRIMARY.xml and en.xml (catalogue names are
       lower case).  document() of a missing file is empty.  rolepress
       always gives one (src/l10n.c chooses it, for its warning and its
       depfile), so the choice here is only for running a stylesheet by
       hand, which docs/layout.md promises; tests/e2e/l10n.sh holds the two
       choices to the same answer. -->
  <xsl:variable name="l10n-doc-rtf">
    <xsl:variable name="tag" select="translate($doc-lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_',
                                               'abcdefghijklmnopqrstuvwxyz-')"/>
    <xsl:choose>
      <xsl:when test="normalize-space($catalogue)"><xsl:value-of select="$catalogue"/></xsl:when>
      <xsl:when test="document(concat($l10n-dir, $tag, '.xml'))/catalogue">
        <xsl:value-of select="concat($l10n-dir, $tag, '.xml')"/>
      </xsl:when>
      <xsl:when test="contains($tag, '-') and
                      document(concat($l10n-dir, substring-before($tag, '-'), '.xml'))/catalogue">
        <xsl:value-of select="concat($l10n-dir, substring-before($tag, '-'), '.xml')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($l10n-dir, 'en.xml')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="l10n-doc" select="document(string($l10n-doc-rtf))"/>
  <!-- Without its catalogue a document would print blanks: stop instead.
       (libxslt evaluates every global variable before the first
       template, so this runs though nothing refers to it.) -->
  <xsl:variable name="l10n-check">
    <xsl:if test="not($l10n-doc/catalogue/msg)">
      <xsl:message terminate="yes">rolepress: cannot read the message catalogue <xsl:value-of select="$l10n-doc-rtf"/> (catalogue parameter)</xsl:message>
    </xsl:if>
  </xsl:variable>

  <!-- The catalogue's own language: compared with the ladder's to choose
       between their family, level and proficiency names (see rp:term). -->
  <xsl:variable name="l10n-lang" select="string($l10n-doc/catalogue/@xml:lang)"/>

  <!-- key() instead of a search: the handbook makes thousands of
       lookups.  The key only ever searches a catalogue (rp:msg makes the
       catalogue the context node before calling key()). -->
  <xsl:key name="rp-msg" match="catalogue/msg" use="@key"/>

  <!-- rp:msg(key) is the message's text; rp:msg(key, 'name', value, ...)
       also replaces up to four placeholders {name} with values.  A key
       the catalogue lacks falls back to en.xml with a warning, so a
       user's incomplete catalogue degrades to English, never to a key or
       a blank (tests/e2e/l10n.sh holds the shipped ones complete).  The
       warning comes at every lookup; rolepress reports it once a run
       (rp_diag_unique). -->
  <func:function name="rp:msg">
    <xsl:param name="key"/>
    <xsl:param name="n1"/>
    <xsl:param name="v1"/>
    <xsl:param name="n2"/>
    <xsl:param name="v2"/>
    <xsl:param name="n3"/>
    <xsl:param name="v3"/>
    <xsl:param name="n4"/>
    <xsl:param name="v4"/>
    <!-- No result tree fragment and no nested call on the common path:
         they are what makes a function call cost.  for-each makes the
         catalogue the context, for key(). -->
    <xsl:for-each select="$l10n-doc">
      <xsl:variable name="found" select="string(key('rp-msg', $key))"/>
      <xsl:choose>
        <xsl:when test="$found = ''">
          <xsl:message>rolepress: the message catalogue <xsl:value-of select="$l10n-doc-rtf"/> has no "<xsl:value-of select="$key"/>"; using the English text</xsl:message>
          <xsl:variable name="english">
            <xsl:for-each select="document(concat($l10n-dir, 'en.xml'))">
              <xsl:value-of select="key('rp-msg', $key)"/>
            </xsl:for-each>
          </xsl:variable>
          <func:result select="rp:fill(rp:fill(rp:fill(rp:fill(string($english), $n1, $v1), $n2, $v2),
                                               $n3, $v3), $n4, $v4)"/>
        </xsl:when>
        <xsl:when test="$n1 = ''"><func:result select="$found"/></xsl:when>
        <xsl:otherwise>
          <func:result select="rp:fill(rp:fill(rp:fill(rp:fill($found, $n1, $v1), $n2, $v2),
                                               $n3, $v3), $n4, $v4)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </func:function>

  <!-- The message of the catalogue, or '' when it has none. -->
  <func:function name="rp:lookup">
    <xsl:param name="key"/>
    <xsl:for-each select="$l10n-doc">
      <func:result select="string(key('rp-msg', $key))"/>
    </xsl:for-each>
  </func:function>

  <!-- The printed name of a ladder entry (a <family>, <level> or
       <proficiency>).
       The ladder's names are in the ladder's language (its xml:lang,
       default en): they are used as they are in a document of that
       language, and for ids the catalogue does not name (with a
       warning).  In any other language the catalogue's family.ID,
       level.ID or proficiency.ID is used. -->
  <xsl:variable name="ladder-lang">
    <xsl:variable name="l" select="normalize-space($ladder-doc/ladder/@xml:lang)"/>
    <xsl:value-of select="substring-before(concat(translate($l, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_',
                          'abcdefghijklmnopqrstuvwxyz-'), '-'), '-')"/>
    <xsl:if test="$l = ''">en</xsl:if>
  </xsl:variable>

  <xsl:variable name="ladder-foreign" select="$l10n-lang != $ladder-lang"/>

  <func:function name="rp:term">
    <xsl:param name="entry"/>
    <xsl:choose>
      <xsl:when test="$ladder-foreign and
                      rp:lookup(concat(local-name($entry), '.', $entry/@id)) != ''">
        <func:result select="rp:lookup(concat(local-name($entry), '.', $entry/@id))"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- a user's ladder with an id the shipped catalogues do not name
             (said once a run: rp_diag_unique) -->
        <xsl:if test="$ladder-foreign and $entry">
          <xsl:message>rolepress: the message catalogue <xsl:value-of select="$l10n-doc-rtf"/> has no "<xsl:value-of select="concat(local-name($entry), '.', $entry/@id)"/>"; using the ladder's name, in the ladder's language (<xsl:value-of select="$ladder-lang"/>)</xsl:message>
        </xsl:if>
        <func:result select="normalize-space($entry/@name)"/>
      </xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- $text with every {name} replaced by $value (nothing when $name is
       empty). -->
  <func:function name="rp:fill">
    <xsl:param name="text"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:variable name="mark" select="concat('{', $name, '}')"/>
    <xsl:choose>
      <xsl:when test="$name != '' and contains($text, $mark)">
        <func:result select="concat(substring-before($text, $mark), $value,
                                    rp:fill(substring-after($text, $mark), $name, $value))"/>
      </xsl:when>
      <xsl:otherwise><func:result select="$text"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- A message with placeholders that stand for layout nodes (a field
       such as page-number, a bold name, a link): $args is a fragment of
       <arg name="...">nodes</arg>, and each {name} of the message is
       replaced by a copy of its arg's nodes. -->
  <xsl:template name="msg-nodes">
    <xsl:param name="key"/>
    <xsl:param name="args"/>
    <xsl:call-template name="fill-nodes">
      <xsl:with-param name="text" select="rp:msg($key)"/>
      <xsl:with-param name="args" select="exsl:node-set($args)/arg"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="fill-nodes">
    <xsl:param name="text"/>
    <xsl:param name="args"/>
    <xsl:variable name="rest" select="substring-after($text, '{')"/>
    <xsl:choose>
      <xsl:when test="contains($rest, '}')">
        <xsl:value-of select="substring-before($text, '{')"/>
        <xsl:copy-of select="$args[@name = substring-before($rest, '}')]/node()"/>
        <xsl:call-template name="fill-nodes">
          <xsl:with-param name="text" select="substring-after($rest, '}')"/>
          <xsl:with-param name="args" select="$args"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Inside a for-each that prints "A, B and C": the separator before
       the current item (list.sep, or list.last before the last one). -->
  <xsl:template name="list-sep">
    <xsl:choose>
      <xsl:when test="position() = 1"/>
      <xsl:when test="position() = last()"><xsl:value-of select="rp:msg('list.last')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="rp:msg('list.sep')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number in the catalogue's digits and decimal separator
       (number.digits, number.decimal): "٤" for 4 in Arabic.  Never the
       machine's locale. -->
  <xsl:variable name="l10n-digits" select="concat(rp:msg('number.digits'), rp:msg('number.decimal'))"/>

  <!-- How the language numbers pages (number.pages, a layout numbering:
       arabic, or arabic-indic in Arabic). -->
  <xsl:variable name="page-numbering" select="rp:msg('number.pages')"/>

  <!-- Inside a document's first section: numbering="..." when the
       language does not number pages 1, 2, 3 (the typesetter's default). -->
  <xsl:template name="page-numbering">
    <xsl:if test="$page-numbering != 'arabic'">
      <xsl:attribute name="numbering"><xsl:value-of select="$page-numbering"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <func:function name="rp:num">
    <xsl:param name="n"/>
    <func:result select="translate(string($n), '0123456789.', $l10n-digits)"/>
  </func:function>

  <!-- ======================================================== the palette -->
  <!-- Kept as variables so a customising stylesheet that imports this one
       can re-colour everything by overriding a handful of values.  The
       accent is checked, because a bad colour would make the layout fail
       validation with a message about the output, not the parameter. -->
  <xsl:variable name="c-accent">
    <xsl:choose>
      <xsl:when test="string-length($accent) = 7 and starts-with($accent, '#') and
                      translate(substring($accent, 2), '0123456789abcdefABCDEF', '') = ''">
        <xsl:value-of select="$accent"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message>rolepress: accent "<xsl:value-of select="$accent"/>" is not a #rrggbb colour, using #1f3a5f</xsl:message>
        <xsl:text>#1f3a5f</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="c-text">#1c1f23</xsl:variable>    <!-- body text: softer than pure black -->
  <xsl:variable name="c-muted">#5d6876</xsl:variable>   <!-- subtitle, notes, furniture -->
  <xsl:variable name="c-tint">#e8edf3</xsl:variable>    <!-- table header background -->
  <xsl:variable name="c-tint-light">#f4f6f9</xsl:variable> <!-- label cells -->
  <xsl:variable name="c-rule">#c5ceda</xsl:variable>    <!-- hairlines and borders -->
  <xsl:variable name="c-mark-off">#a9b4c2</xsl:variable> <!-- outline of an unset rating mark -->
  <!-- The accent lightened towards white (half accent): the "still to
       develop" rating mark.  Derived, so it follows the accent parameter. -->
  <xsl:variable name="c-accent-soft">
    <xsl:call-template name="mix-white">
      <xsl:with-param name="color" select="$c-accent"/>
      <xsl:with-param name="keep" select="0.5"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- #rrggbb mixed with white: keep = the share of the colour (0..1). -->
  <xsl:template name="mix-white">
    <xsl:param name="color"/>
    <xsl:param name="keep" select="0.5"/>
    <xsl:variable name="c" select="translate($color, 'ABCDEF', 'abcdef')"/>
    <xsl:text>#</xsl:text>
    <xsl:call-template name="mix-channel">
      <xsl:with-param name="hh" select="substring($c, 2, 2)"/>
      <xsl:with-param name="keep" select="$keep"/>
    </xsl:call-template>
    <xsl:call-template name="mix-channel">
      <xsl:with-param name="hh" select="substring($c, 4, 2)"/>
      <xsl:with-param name="keep" select="$keep"/>
    </xsl:call-template>
    <xsl:call-template name="mix-channel">
      <xsl:with-param name="hh" select="substring($c, 6, 2)"/>
      <xsl:with-param name="keep" select="$keep"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One channel (two lower-case hex digits) of mix-white. -->
  <xsl:template name="mix-channel">
    <xsl:param name="hh"/>
    <xsl:param name="keep"/>
    <xsl:variable name="hex" select="'0123456789abcdef'"/>
    <xsl:variable name="v"
        select="16 * string-length(substring-before($hex, substring($hh, 1, 1)))
                + string-length(substring-before($hex, substring($hh, 2, 1)))"/>
    <xsl:variable name="m" select="round($v * $keep + 255 * (1 - $keep))"/>
    <xsl:value-of select="concat(substring($hex, floor($m div 16) + 1, 1),
                                 substring($hex, $m mod 16 + 1, 1))"/>
  </xsl:template>

  <!-- ============================================================== meta -->

  <!-- Emits <meta>.  Called with a <role> as context; every part can be
       overridden by a parameter (the handbook passes its own title). -->
  <xsl:template name="meta">
    <xsl:param name="title" select="normalize-space(title)"/>
    <xsl:param name="author" select="normalize-space(meta/owner)"/>
    <xsl:param name="subject" select="normalize-space(summary)"/>
    <xsl:param name="keywords">
      <xsl:call-template name="role-keywords"/>
    </xsl:param>
    <meta>
      <title><xsl:value-of select="$title"/></title>
      <xsl:if test="string($author)">
        <author><xsl:value-of select="$author"/></author>
      </xsl:if>
      <xsl:if test="string($subject)">
        <subject><xsl:value-of select="$subject"/></subject>
      </xsl:if>
      <xsl:if test="string($keywords)">
        <keywords><xsl:value-of select="$keywords"/></keywords>
      </xsl:if>
    </meta>
  </xsl:template>

  <!-- "Family, Level, Skill, Skill, ...": display names, because PDF
       keywords are read by people and search tools, not by rolepress. -->
  <xsl:template name="role-keywords">
    <xsl:call-template name="family-name"/>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="level-name"/>
    <xsl:for-each select="skills/skill">
      <xsl:text>, </xsl:text>
      <xsl:value-of select="normalize-space(@name)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================== page template -->

  <!-- Emits one <page-template>.  Furniture content is passed as result
       tree fragments (text plus the field elements page-number,
       page-count, section-title, document-title) and copied as is, so each
       document kind decides what its running header and footer say while
       the geometry and the furniture style stay shared. -->
  <xsl:template name="page-template">
    <xsl:param name="name" select="'body'"/>
    <xsl:param name="header-left"/>
    <xsl:param name="header-center"/>
    <xsl:param name="header-right"/>
    <xsl:param name="footer-left"/>
    <xsl:param name="footer-center"/>
    <xsl:param name="footer-right">
      <xsl:call-template name="msg-nodes">
        <xsl:with-param name="key" select="'furniture.page-of'"/>
        <xsl:with-param name="args">
          <arg name="page"><page-number/></arg>
          <arg name="pages"><page-count/></arg>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:param>
    <!-- 'landscape' turns the paper (a wide diagram); empty = portrait. -->
    <xsl:param name="orientation"/>
    <!-- false(): no header and no footer at all (a cover). -->
    <xsl:param name="furniture" select="true()"/>
    <!-- 20 mm all round on A4: a 170 mm measure, about 100 characters of
         9.5pt Noto Serif, long for a novel, usual for a dense reference
         document, and what it takes to fit a full blueprint on three
         pages.  Letter is 18 mm shorter and 6 mm wider than A4, so it gets
         narrower margins (16 mm top and bottom, 19 mm at the sides) to
         hold the same text on the same number of pages.  The running
         header and footer are set inside the top and bottom margins. -->
    <xsl:variable name="margin-v">
      <xsl:choose>
        <xsl:when test="$paper-size = 'Letter'">16mm</xsl:when>
        <xsl:otherwise>20mm</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="margin-h">
      <xsl:choose>
        <xsl:when test="$paper-size = 'Letter'">19mm</xsl:when>
        <xsl:otherwise>20mm</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <page-template name="{$name}" size="{$paper-size}"
                   margin-top="{$margin-v}" margin-bottom="{$margin-v}"
                   margin-left="{$margin-h}" margin-right="{$margin-h}">
      <xsl:if test="string($orientation)">
        <xsl:attribute name="orientation"><xsl:value-of select="$orientation"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$furniture">
        <header style="furniture" rule="yes">
          <xsl:call-template name="furniture-part">
            <xsl:with-param name="element" select="'left'"/>
            <xsl:with-param name="content" select="$header-left"/>
          </xsl:call-template>
          <xsl:call-template name="furniture-part">
            <xsl:with-param name="element" select="'center'"/>
            <xsl:with-param name="content" select="$header-center"/>
          </xsl:call-template>
          <xsl:call-template name="furniture-part">
            <xsl:with-param name="element" select="'right'"/>
            <xsl:with-param name="content" select="$header-right"/>
          </xsl:call-template>
        </header>
        <footer style="furniture">
          <xsl:call-template name="furniture-part">
            <xsl:with-param name="element" select="'left'"/>
            <xsl:with-param name="content" select="$footer-left"/>
          </xsl:call-template>
          <xsl:call-template name="furniture-part">
            <xsl:with-param name="element" select="'center'"/>
            <xsl:with-param name="content" select="$footer-center"/>
          </xsl:call-template>
          <xsl:call-template name="furniture-part">
            <xsl:with-param name="element" select="'right'"/>
            <xsl:with-param name="content" select="$footer-right"/>
          </xsl:call-template>
        </footer>
      </xsl:if>
    </page-template>
  </xsl:template>

  <!-- An empty slot is left out rather than emitted empty, so the
       typesetter never has to decide what an empty <center/> means.  The
       content is a result tree fragment: a slot that holds only a field
       (<page-number/>) has no string value, hence the node-set test. -->
  <xsl:template name="furniture-part">
    <xsl:param name="element"/>
    <xsl:param name="content"/>
    <xsl:if test="normalize-space($content) != '' or exsl:node-set($content)/*">
      <xsl:element name="{$element}"><xsl:copy-of select="$content"/></xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- The usual footer of a single role: "Version 1.2 · Approved ·
       reviewed 16 November 2026".  Context: a <role>. -->
  <xsl:template name="role-control-line">
    <xsl:variable name="status">
      <xsl:call-template name="status-label"/>
    </xsl:variable>
    <xsl:variable name="date">
      <xsl:call-template name="format-date">
        <xsl:with-param name="date" select="meta/last-reviewed"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="rp:msg('furniture.control-line', 'version', normalize-space(meta/version),
                                 'status', string($status), 'date', string($date))"/>
  </xsl:template>

  <!-- ============================================================ styles -->

  <!-- The shared style set.  Each document kind emits it once and may add
       its own styles after it.  Names are what the templates below and in
       the document stylesheets use; a customising stylesheet can override
       this template to restyle without touching the structure.

       A note on sizes: Noto Serif has a large x-height (0.54 em against
       Times' 0.45), so its 9.5pt reads like 11pt Times.  The sizes below
       are therefore a point or so smaller than a Times-based design would
       use, which is also what lets a full blueprint fit on three pages. -->
  <xsl:template name="styles">
    <!-- Running text.  A little more lead than the built-in 1.3, because
         the measure is long (about 100 characters).  Justified: the
         typesetter breaks paragraphs by total fit and hyphenates, so the
         spaces stay even without rivers. -->
    <style name="body" font-family="Noto Serif" font-size="9.5pt" line-height="1.33"
           text-align="justify" color="{$c-text}" space-after="4.5pt"
           widows="2" orphans="2"/>
    <!-- The summary: the paragraph a candidate reads first. -->
    <style name="lead" parent="body" font-size="10.5pt" line-height="1.36"
           space-after="9pt"/>

    <!-- Headings: Noto Sans bold in the accent colour, contrasting with the
         serif text; sizes step 22 / 12 / 10 so each level is clearly
         distinct without shouting.  Space above a heading is larger than
         below it, so it visibly belongs to what follows. -->
    <style name="title" font-family="Noto Sans" font-weight="bold" font-size="22pt"
           line-height="1.15" color="{$c-accent}" space-after="2pt"
           keep-with-next="yes"/>
    <style name="subtitle" font-family="Noto Sans" font-size="10.5pt" line-height="1.3"
           color="{$c-muted}" space-after="10pt" keep-with-next="yes"/>
    <style name="h2" font-family="Noto Sans" font-weight="bold" font-size="12pt"
           line-height="1.2" color="{$c-accent}" space-before="10pt" space-after="4pt"
           rule-below="0.5pt" border-color="{$c-rule}" keep-with-next="yes"/>
    <style name="h3" font-family="Noto Sans" font-weight="bold" font-size="10pt"
           line-height="1.25" color="{$c-accent}" space-before="5pt" space-after="1.5pt"
           keep-with-next="yes"/>

    <!-- Lists: the marker sits at the list's start-indent, here flush
         with the text above, and the typesetter indents the item text
         past it; items sit closer together than paragraphs so a list
         reads as one unit. -->
    <style name="list" parent="body" space-after="4.5pt"/>
    <style name="list-item" parent="body" space-after="1.5pt"/>

    <!-- Tables: hairline grid (drawn from the table's style: the grid
         belongs to the table, not to each cell), a tinted sans header row
         (repeated on every page by the typesetter), cells a point smaller
         than the text so four columns fit without cramping. -->
    <style name="table" parent="body" space-before="3pt" space-after="8pt"
           border-width="0.5pt" border-color="{$c-rule}"/>
    <!-- Cells are narrow: ragged right (still broken by total fit and
         hyphenated), as justified narrow columns gape. -->
    <style name="cell" parent="body" font-size="8.5pt" line-height="1.28"
           padding="3pt" space-after="0pt" text-align="left"/>
    <style name="cell-head" parent="cell" font-family="Noto Sans" font-weight="bold"
           font-size="8pt" line-height="1.25" color="{$c-accent}"
           background="{$c-tint}"/>
    <!-- The small letter-spaced capitals of the "at a glance" caption. -->
    <style name="cell-caption" parent="cell-head" font-size="7pt"
           text-transform="uppercase" letter-spacing="0.6pt"/>
    <!-- The key cell of a row: skill and KPI names. -->
    <style name="cell-strong" parent="cell" font-weight="bold"/>
    <!-- Label cells of a key/value table: quiet, so the values stand out. -->
    <style name="cell-label" parent="cell" font-family="Noto Sans" font-weight="bold"
           font-size="7.5pt" color="{$c-muted}" background="{$c-tint-light}"/>

    <!-- Inline spans.  A span's style is complete in itself (it does not
         take the surrounding text's size), hence the parents. -->
    <style name="muted" parent="body" color="{$c-muted}"/>
    <style name="note" parent="cell" font-size="7.5pt" font-weight="normal"
           color="{$c-muted}"/>
    <style name="preferred" parent="body" font-style="italic" color="{$c-muted}"/>

    <!-- Running header and footer: small and grey so they never compete
         with the content; border-color colours the header's rule. -->
    <style name="furniture" font-family="Noto Sans" font-size="7.5pt" line-height="1.2"
           color="{$c-muted}" border-color="{$c-rule}"/>
  </xsl:template>

  <!-- ================================================= source positions -->

  <!-- rolepress knows where every element of a valid blueprint was
       written (also the roles inside a set document; the handbook
       definition and the ladder have no positions), and its extension
       function rpt:src(node-set) gives it as "file:line".  A layout
       block made from a blueprint element carries that element's src, so
       that the typesetter's diagnostics (page-break warnings, the
       check-layout option's defects) name the blueprint line instead of
       the stylesheet.

       Call this first thing inside the layout element, before any
       content (like keep-if-short):

         <item><xsl:call-template name="src-of"/>...</item>
         <heading ...><xsl:call-template name="src-of">
           <xsl:with-param name="node" select="title"/></xsl:call-template>...

       $node: a node-set; the first of its nodes (in document order) that
       has a position gives it.  Nothing is emitted when none has one (a
       block generated from the ladder) or when the stylesheet runs
       outside rolepress (xsltproc), and the typesetter then uses the src
       of the enclosing block or section.
       Only layout elements that accept src may receive it: the blocks
       (heading, para, list, table, group, diagram), section, list item
       and table row; never cell, span or diagram parts. -->
  <xsl:template name="src-of">
    <xsl:param name="node" select="."/>
    <xsl:if test="function-available('rpt:src')">
      <xsl:variable name="src" select="rpt:src($node)"/>
      <xsl:if test="$src != ''">
        <xsl:attribute name="src"><xsl:value-of select="$src"/></xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ prose -->

  <!-- Blueprint prose -> layout inline content.  Apply to the children of
       a prose element: <xsl:apply-templates select="node()" mode="inline"/>.
       Whitespace is normalised here (runs become one space, the start and
       end of the block are trimmed) so the layout does not depend on how
       the blueprint was indented. -->
  <xsl:template match="em" mode="inline">
    <i><xsl:apply-templates select="node()" mode="inline"/></i>
  </xsl:template>

  <xsl:template match="strong" mode="inline">
    <b><xsl:apply-templates select="node()" mode="inline"/></b>
  </xsl:template>

  <xsl:template match="text()" mode="inline">
    <xsl:variable name="ws" select="' &#9;&#10;&#13;'"/>
    <!-- First/last text of the whole prose element (not just of an em):
         the block edges, where whitespace is dropped. -->
    <xsl:variable name="at-start"
        select="not(preceding-sibling::node()) and
                (not(parent::em or parent::strong) or not(../preceding-sibling::node()))"/>
    <xsl:variable name="at-end"
        select="not(following-sibling::node()) and
                (not(parent::em or parent::strong) or not(../following-sibling::node()))"/>
    <xsl:variable name="core" select="normalize-space(.)"/>
    <xsl:if test="not($at-start) and contains($ws, substring(., 1, 1))">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:call-template name="content">
      <xsl:with-param name="text" select="$core"/>
    </xsl:call-template>
    <!-- A whitespace-only node between two inline elements is one space;
         it was emitted above already, so only add a trailing one when
         there was real text. -->
    <xsl:if test="not($at-end) and $core != '' and
                  contains($ws, substring(., string-length(.), 1))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- What a blueprint, the ladder or the handbook definition says, into
       the layout.  Such content is in its source's language (the nearest
       xml:lang around it, else en), which is not always the document's:
       the lang option may ask for German headings around English
       blueprints, and a handbook may gather roles written in several
       languages.  Text in another language than the document's goes into
       a span that says which, so that the typesetter hyphenates and
       shapes it by that language's rules and the tagged PDF tells a
       screen reader.  Every copy of blueprint prose goes through here (the
       inline mode above); so should any other text taken from a source.

       $from: the source node the text comes from (default: the context;
       empty: not known, and the text is printed unmarked);
       $text: the text (default: $from's, whitespace normalised). -->
  <xsl:template name="content">
    <xsl:param name="from" select="."/>
    <xsl:param name="text" select="normalize-space($from)"/>
    <xsl:variable name="own" select="normalize-space(($from/ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:choose>
      <xsl:when test="$text != '' and $from and
                      translate(concat($own, substring('en', 1, 2 * not($own))),
                                'ABCDEFGHIJKLMNOPQRSTUVWXYZ_', 'abcdefghijklmnopqrstuvwxyz-')
                      != $doc-lang-key">
        <span xml:lang="{$own}{substring('en', 1, 2 * not($own))}"><xsl:value-of select="$text"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Unknown elements in prose: keep their text rather than lose it. -->
  <xsl:template match="*" mode="inline">
    <xsl:apply-templates select="node()" mode="inline"/>
  </xsl:template>

  <!-- <p> -> <para style="body">, with the src of the <p>. -->
  <xsl:template match="p" mode="block">
    <xsl:param name="style" select="'body'"/>
    <para style="{$style}">
      <xsl:call-template name="src-of"/>
      <xsl:apply-templates select="node()" mode="inline"/>
    </para>
  </xsl:template>

  <!-- ========================================================== lookups -->
  <!-- Each takes the id as a parameter (default: the obvious one for a
       <role> context) and prints the ladder's display name, or the id when
       the ladder does not define it. -->

  <xsl:template name="family-name">
    <xsl:param name="id" select="normalize-space(family)"/>
    <xsl:variable name="n" select="rp:term($ladder-el/families/family[@id = $id])"/>
    <xsl:choose>
      <xsl:when test="string($n)"><xsl:value-of select="$n"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="level-name">
    <xsl:param name="id" select="normalize-space(level)"/>
    <xsl:variable name="n" select="rp:term($ladder-el/levels/level[@id = $id])"/>
    <xsl:choose>
      <xsl:when test="string($n)"><xsl:value-of select="$n"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="proficiency-name">
    <xsl:param name="id" select="normalize-space(@proficiency)"/>
    <xsl:variable name="n" select="rp:term($ladder-el/proficiencies/proficiency[@id = $id])"/>
    <xsl:choose>
      <xsl:when test="string($n)"><xsl:value-of select="$n"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Rank of a proficiency (empty when unknown) and the top of the scale,
       for "Advanced (4 of 5)". -->
  <xsl:template name="proficiency-rank">
    <xsl:param name="id" select="normalize-space(@proficiency)"/>
    <xsl:value-of select="$ladder-el/proficiencies/proficiency[@id = $id]/@rank"/>
  </xsl:template>

  <xsl:variable name="proficiency-max"
      select="$ladder-el/proficiencies/proficiency
              [not(number(@rank) &lt; ../proficiency/@rank)][1]/@rank"/>

  <!-- Ranks and descriptions: numbers for comparing (a rank is compared
       as a number, never as a string or by id), and the ladder's text for
       printing.  Empty when the ladder does not define the id. -->
  <xsl:variable name="ladder-levels" select="$ladder-el/levels/level"/>
  <xsl:variable name="ladder-proficiencies"
      select="$ladder-el/proficiencies/proficiency"/>

  <xsl:template name="level-rank">
    <xsl:param name="id" select="normalize-space(level)"/>
    <xsl:value-of select="$ladder-levels[@id = $id]/@rank"/>
  </xsl:template>

  <xsl:variable name="level-max"
      select="$ladder-levels[not(number(@rank) &lt; ../level/@rank)][1]/@rank"/>

  <!-- What the ladder expects at a level ("Sets the technical direction
       of a domain across several teams."), whitespace normalised. -->
  <xsl:template name="level-description">
    <xsl:param name="id" select="normalize-space(level)"/>
    <xsl:call-template name="content">
      <xsl:with-param name="from" select="$ladder-levels[@id = $id]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="proficiency-description">
    <xsl:param name="id" select="normalize-space(@proficiency)"/>
    <xsl:call-template name="content">
      <xsl:with-param name="from" select="$ladder-proficiencies[@id = $id]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The printed title of another role in the set.  In a set document it
       is looked up there; otherwise blueprints live one per file named
       id.xml, so the target is loaded as a sibling of the input document.
       When it cannot be found (a partial set, a blueprint read from stdin)
       the id is printed instead of failing. -->
  <xsl:template name="role-title">
    <xsl:param name="id"/>
    <xsl:variable name="t">
      <xsl:choose>
        <!-- In the set, or a career-path target already looked for. -->
        <xsl:when test="$set-mode or
                        exsl:node-set($linked-role-files)/file = concat($id, '.xml')">
          <xsl:value-of select="normalize-space(rp:role($id)/title)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="normalize-space(document(concat($id, '.xml'), /)/role/title)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$t != ''"><xsl:value-of select="$t"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A mention of another role: what a document prints wherever a role
       names one (reports-to, career path, next level).  $id is the role's
       id when it has one (may be empty), $title the text to print; $bold
       sets the name in bold.  This default prints the title alone.  A
       document that contains the roles it mentions (the handbook) defines
       its own role-ref, which makes the name a link and adds its page;
       $page = false() asks it to leave the page out (in a heading),
       $page-style names a span style for the page reference, and $from is
       the node $title was taken from, whose language it is in (default:
       the role's own; see the content template). -->
  <xsl:template name="role-ref">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:param name="page" select="true()"/>
    <xsl:param name="page-style"/>
    <xsl:param name="from" select="rp:role($id)"/>
    <xsl:variable name="t">
      <xsl:call-template name="content">
        <xsl:with-param name="from" select="$from"/>
        <xsl:with-param name="text" select="$title"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$bold"><b><xsl:copy-of select="$t"/></b></xsl:when>
      <xsl:otherwise><xsl:copy-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== rating marks -->

  <!-- One inline vector mark of a rating scale (layout <shape>), in three
       states: "on" (a filled accent dot: reached or expected), "grow" (a
       dot in the lightened accent: to be developed for the next step) and
       "off" (a grey ring: beyond what is asked).  alt is what text extraction and
       assistive technology should get, when the typesetter passes it on. -->
  <xsl:template name="rating-mark">
    <xsl:param name="state" select="'on'"/>
    <xsl:param name="size" select="'6.5pt'"/>
    <xsl:param name="alt"/>
    <xsl:choose>
      <!-- One of the marks mark-styles defines: one attribute, where a
           book has tens of thousands of marks. -->
      <xsl:when test="($state = 'on' or $state = 'grow' or $state = 'off') and
                      ($size = '6pt' or $size = '6.5pt' or $size = '7pt')">
        <shape style="mark-{$state}-{$size}">
          <xsl:if test="string($alt)">
            <xsl:attribute name="alt"><xsl:value-of select="$alt"/></xsl:attribute>
          </xsl:if>
        </shape>
      </xsl:when>
      <xsl:otherwise>
        <shape>
          <xsl:call-template name="mark-properties">
            <xsl:with-param name="state" select="$state"/>
            <xsl:with-param name="size" select="$size"/>
          </xsl:call-template>
          <xsl:if test="string($alt)">
            <xsl:attribute name="alt"><xsl:value-of select="$alt"/></xsl:attribute>
          </xsl:if>
        </shape>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A mark's shape attributes (see rating-mark). -->
  <xsl:template name="mark-properties">
    <xsl:param name="state"/>
    <xsl:param name="size"/>
    <xsl:attribute name="kind">circle</xsl:attribute>
    <xsl:attribute name="size"><xsl:value-of select="$size"/></xsl:attribute>
    <xsl:attribute name="filled">
      <xsl:choose>
        <xsl:when test="$state = 'off'">no</xsl:when>
        <xsl:otherwise>yes</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:attribute name="color">
      <xsl:choose>
        <xsl:when test="$state = 'off'"><xsl:value-of select="$c-mark-off"/></xsl:when>
        <xsl:when test="$state = 'grow'"><xsl:value-of select="$c-accent-soft"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$c-accent"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>

  <!-- The marks rating-mark uses, as shape-styles: each state in the
       three sizes the documents use.  Called by every document
       stylesheet after its styles, apart from the styles template so that
       a stylesheet overriding that one still has them. -->
  <xsl:variable name="mark-kinds-rtf">
    <state>on</state><state>grow</state><state>off</state>
    <size>6pt</size><size>6.5pt</size><size>7pt</size>
  </xsl:variable>
  <xsl:variable name="mark-kinds" select="exsl:node-set($mark-kinds-rtf)"/>

  <xsl:template name="mark-styles">
    <xsl:for-each select="$mark-kinds/state">
      <xsl:variable name="state" select="string(.)"/>
      <xsl:for-each select="$mark-kinds/size">
        <shape-style name="mark-{$state}-{.}">
          <xsl:call-template name="mark-properties">
            <xsl:with-param name="state" select="$state"/>
            <xsl:with-param name="size" select="string(.)"/>
          </xsl:call-template>
        </shape-style>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- A whole scale as a row of marks, one per proficiency level in rank
       order: "on" up to rank $have, "grow" above it up to rank $need,
       "off" above that.  Ranks are numbers (0 = not held).  The marks are
       separated by a thin no-break space so the row never wraps. -->
  <xsl:template name="rating-marks">
    <xsl:param name="have" select="0"/>
    <xsl:param name="need" select="$have"/>
    <xsl:param name="size" select="'6pt'"/>
    <xsl:for-each select="$ladder-proficiencies">
      <xsl:sort select="@rank" data-type="number"/>
      <xsl:if test="position() &gt; 1"><xsl:text>&#8239;</xsl:text></xsl:if>
      <xsl:call-template name="rating-mark">
        <xsl:with-param name="size" select="$size"/>
        <xsl:with-param name="state">
          <xsl:choose>
            <xsl:when test="number(@rank) &lt;= number($have)">on</xsl:when>
            <xsl:when test="number(@rank) &lt;= number($need)">grow</xsl:when>
            <xsl:otherwise>off</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ========================================================= diagrams -->

  <!-- Copies $diagram (a fragment holding one layout <diagram>) with its
       text alternative (alt) in the catalogue's words: "Diagram of 5
       roles." and a sentence per edge, "A leads to B." or "A can move
       across to B." (diagram.alt, diagram.alt.promotion,
       diagram.alt.lateral).  Without it the typesetter would make one in
       English. -->
  <!-- A node of the diagram being copied by id (the fragment holds one
       diagram): a scan of the nodes per edge is quadratic in the ladder
       diagram of a large set. -->
  <xsl:key name="diagram-node" match="diagram/node" use="@id"/>
  <xsl:template name="diagram-with-alt">
    <xsl:param name="diagram"/>
    <xsl:for-each select="exsl:node-set($diagram)/diagram">
      <xsl:variable name="nodes" select="node"/>
      <xsl:copy>
        <xsl:copy-of select="@*"/>
        <xsl:attribute name="alt">
          <xsl:value-of select="rp:msg('diagram.alt', 'n', rp:num(count($nodes)))"/>
          <xsl:for-each select="edge">
            <xsl:variable name="key">
              <xsl:choose>
                <xsl:when test="@kind = 'lateral'">diagram.alt.lateral</xsl:when>
                <xsl:otherwise>diagram.alt.promotion</xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:value-of select="concat(' ', rp:msg(string($key),
                                  'from', string(key('diagram-node', @from)),
                                  'to', string(key('diagram-node', @to))))"/>
          </xsl:for-each>
        </xsl:attribute>
        <xsl:copy-of select="node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- ==================================================== shared blocks -->
  <!-- Block-level pieces that read the same in every document kind.  A
       document stylesheet may define its own template of the same name:
       its definition wins over the imported one. -->

  <!-- keep-together="yes" on a list of at most three items: splitting a
       few lines over a page break helps nobody, while keeping a longer
       list whole can push it to the next page and leave a large gap.
       Call first thing inside the list element. -->
  <xsl:template name="keep-if-short">
    <xsl:param name="count"/>
    <xsl:if test="$count &lt;= 3">
      <xsl:attribute name="keep-together">yes</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A bulleted list of prose items.  The list takes the src of the
       context node (the element holding the items: a responsibility
       group, deliverables), each item its own. -->
  <xsl:template name="bullets">
    <xsl:param name="items"/>
    <list style="list" item-style="list-item">
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="keep-if-short">
        <xsl:with-param name="count" select="count($items)"/>
      </xsl:call-template>
      <xsl:for-each select="$items">
        <item>
          <xsl:call-template name="src-of"/>
          <xsl:apply-templates select="node()" mode="inline"/>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <!-- Qualifications as one list: experience, education, certifications;
       preferences marked "(preferred)".  Context: <qualifications>. -->
  <xsl:template name="qualification-list">
    <list style="list" item-style="list-item">
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="keep-if-short">
        <xsl:with-param name="count" select="count(*)"/>
      </xsl:call-template>
      <xsl:apply-templates select="experience" mode="qualification"/>
      <xsl:apply-templates select="education" mode="qualification"/>
      <xsl:apply-templates select="certification" mode="qualification"/>
    </list>
  </xsl:template>

  <xsl:template match="*" mode="qualification">
    <item>
      <xsl:call-template name="src-of"/>
      <xsl:apply-templates select="node()" mode="inline"/>
      <xsl:if test="@required = 'no'">
        <xsl:text> </xsl:text>
        <span style="preferred"><xsl:value-of select="rp:msg('qualification.preferred')"/></span>
      </xsl:if>
    </item>
  </xsl:template>

  <!-- The KPI table: indicator, what it measures, target, cadence, with a
       header row the typesetter repeats when the table continues on the
       next page.  Context: <kpis>; the table has its src, each row the
       src of its <kpi>. -->
  <xsl:template name="kpi-table">
    <table style="table" header-style="cell-head" cell-style="cell">
      <xsl:call-template name="src-of"/>
      <column width="1.6"/>
      <column width="2.9"/>
      <column width="1.6"/>
      <column width="0.85"/>
      <thead>
        <row>
          <cell><xsl:value-of select="rp:msg('kpi.indicator')"/></cell>
          <cell><xsl:value-of select="rp:msg('kpi.measures')"/></cell>
          <cell><xsl:value-of select="rp:msg('kpi.target')"/></cell>
          <cell><xsl:value-of select="rp:msg('kpi.cadence')"/></cell>
        </row>
      </thead>
      <tbody>
        <xsl:for-each select="kpi">
          <row>
            <xsl:call-template name="src-of"/>
            <cell style="cell-strong">
              <xsl:call-template name="content">
                <xsl:with-param name="text" select="normalize-space(@name)"/>
              </xsl:call-template>
            </cell>
            <cell><xsl:apply-templates select="measures/node()" mode="inline"/></cell>
            <cell>
              <xsl:call-template name="content">
                <xsl:with-param name="from" select="target"/>
              </xsl:call-template>
            </cell>
            <cell><xsl:call-template name="cadence-label"/></cell>
          </row>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- ============================================================ labels -->

  <!-- Printed when a responsibility group has no title. -->
  <xsl:template name="group-kind-label">
    <xsl:param name="kind" select="@kind"/>
    <xsl:choose>
      <xsl:when test="$kind = 'strategic'"><xsl:value-of select="rp:msg('group.strategic')"/></xsl:when>
      <xsl:when test="$kind = 'delivery'"><xsl:value-of select="rp:msg('group.delivery')"/></xsl:when>
      <xsl:when test="$kind = 'operational'"><xsl:value-of select="rp:msg('group.operational')"/></xsl:when>
      <xsl:when test="$kind = 'governance'"><xsl:value-of select="rp:msg('group.governance')"/></xsl:when>
      <xsl:when test="$kind = 'cross-functional'"><xsl:value-of select="rp:msg('group.cross-functional')"/></xsl:when>
      <xsl:when test="$kind = 'leadership'"><xsl:value-of select="rp:msg('group.leadership')"/></xsl:when>
      <xsl:when test="$kind = 'people'"><xsl:value-of select="rp:msg('group.people')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$kind"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A group's heading: its title, else the label for its kind. -->
  <xsl:template name="group-title">
    <xsl:choose>
      <xsl:when test="normalize-space(@title)">
        <xsl:call-template name="content">
          <xsl:with-param name="text" select="normalize-space(@title)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="group-kind-label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Skill categories, in the order tables list them: hard skills first,
       then the skills that make them effective. -->
  <xsl:variable name="category-order"
                select="' technical domain leadership communication business '"/>

  <!-- Sort skills by category with
         <xsl:sort data-type="number" select="string-length(substring-before(
                   $category-order, concat(' ', @category, ' ')))"/>
       (the offset of the category in the list above; xsl:sort is stable,
       so skills keep the author's order within a category). -->
  <xsl:template name="category-label">
    <xsl:param name="category" select="@category"/>
    <xsl:choose>
      <xsl:when test="$category = 'technical'"><xsl:value-of select="rp:msg('category.technical')"/></xsl:when>
      <xsl:when test="$category = 'domain'"><xsl:value-of select="rp:msg('category.domain')"/></xsl:when>
      <xsl:when test="$category = 'leadership'"><xsl:value-of select="rp:msg('category.leadership')"/></xsl:when>
      <xsl:when test="$category = 'communication'"><xsl:value-of select="rp:msg('category.communication')"/></xsl:when>
      <xsl:when test="$category = 'business'"><xsl:value-of select="rp:msg('category.business')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$category"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="cadence-label">
    <xsl:param name="cadence" select="normalize-space(cadence)"/>
    <xsl:choose>
      <xsl:when test="$cadence = 'weekly'"><xsl:value-of select="rp:msg('cadence.weekly')"/></xsl:when>
      <xsl:when test="$cadence = 'monthly'"><xsl:value-of select="rp:msg('cadence.monthly')"/></xsl:when>
      <xsl:when test="$cadence = 'quarterly'"><xsl:value-of select="rp:msg('cadence.quarterly')"/></xsl:when>
      <xsl:when test="$cadence = 'half-yearly'"><xsl:value-of select="rp:msg('cadence.half-yearly')"/></xsl:when>
      <xsl:when test="$cadence = 'yearly'"><xsl:value-of select="rp:msg('cadence.yearly')"/></xsl:when>
      <xsl:when test="$cadence = 'per-release'"><xsl:value-of select="rp:msg('cadence.per-release')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$cadence"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Context: a <role>. -->
  <xsl:template name="status-label">
    <xsl:param name="status" select="normalize-space(meta/status)"/>
    <xsl:choose>
      <xsl:when test="$status = 'draft'"><xsl:value-of select="rp:msg('status.draft')"/></xsl:when>
      <xsl:when test="$status = 'review'"><xsl:value-of select="rp:msg('status.review')"/></xsl:when>
      <xsl:when test="$status = 'approved'"><xsl:value-of select="rp:msg('status.approved')"/></xsl:when>
      <xsl:when test="$status = 'retired'"><xsl:value-of select="rp:msg('status.retired')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Headings for the three kinds of career move (a document that
       groups moves under headings). -->
  <xsl:template name="move-kind-label">
    <xsl:param name="kind" select="@kind"/>
    <xsl:choose>
      <xsl:when test="$kind = 'promotion'"><xsl:value-of select="rp:msg('move.promotion.heading')"/></xsl:when>
      <xsl:when test="$kind = 'lateral'"><xsl:value-of select="rp:msg('move.lateral.heading')"/></xsl:when>
      <xsl:when test="$kind = 'feeder'"><xsl:value-of select="rp:msg('move.feeder.heading')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$kind"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The same as a phrase naming the target: "Promotion to Lead Cloud
       Architect", where $target (layout inline nodes: the name, perhaps
       in bold) stands where the language puts it.  Context: a <move>. -->
  <xsl:template name="move-kind-phrase">
    <xsl:param name="kind" select="@kind"/>
    <xsl:param name="target"/>
    <xsl:choose>
      <xsl:when test="$kind = 'promotion' or $kind = 'lateral' or $kind = 'feeder'">
        <xsl:call-template name="msg-nodes">
          <xsl:with-param name="key" select="concat('move.', $kind, '.phrase')"/>
          <xsl:with-param name="args"><arg name="role"><xsl:copy-of select="$target"/></arg></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$kind"/>
        <xsl:text> </xsl:text>
        <xsl:copy-of select="$target"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The printed title of a move's target: title="..." as given, or for
       role="id" the title of that role in the set.  Context: a <move>. -->
  <xsl:template name="move-title">
    <xsl:choose>
      <xsl:when test="@role">
        <xsl:call-template name="role-title">
          <xsl:with-param name="id" select="string(@role)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(@title)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A move's target as a role-ref (see there): the move's title, linked
       when the document holds the role.  Context: a <move>. -->
  <xsl:template name="move-ref">
    <xsl:param name="bold" select="false()"/>
    <xsl:param name="page" select="true()"/>
    <xsl:param name="page-style"/>
    <xsl:call-template name="role-ref">
      <xsl:with-param name="id" select="normalize-space(@role)"/>
      <xsl:with-param name="title">
        <xsl:call-template name="move-title"/>
      </xsl:with-param>
      <!-- the target's title, or the move's own words -->
      <xsl:with-param name="from" select="rp:role(normalize-space(@role)) | self::*[not(@role)]"/>
      <xsl:with-param name="bold" select="$bold"/>
      <xsl:with-param name="page" select="$page"/>
      <xsl:with-param name="page-style" select="$page-style"/>
    </xsl:call-template>
  </xsl:template>

  <!-- YYYY-MM-DD -> the catalogue's long date: "16 November 2026",
       "16. November 2026", "2026年11月16日" (date.long with {day}, {month}
       and {year}; month.1 to month.12), spelt out because 11/16/2026 and
       16/11/2026 are both read wrongly somewhere.  Anything else is
       printed as given. -->
  <xsl:template name="format-date">
    <xsl:param name="date"/>
    <xsl:variable name="d" select="normalize-space($date)"/>
    <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($d) = 10 and $m &gt;= 1 and $m &lt;= 12 and
                      substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-'">
        <xsl:value-of select="rp:msg('date.long', 'day', rp:num(number(substring($d, 9, 2))),
                                     'month', rp:msg(concat('month.', $m)),
                                     'year', rp:num(substring($d, 1, 4)))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
