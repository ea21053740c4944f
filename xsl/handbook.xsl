<?xml version="1.0" encoding="UTF-8"?>
<!--
  handbook.xsl - the whole role set -> one printed book, the career-ladder
  handbook, in rolepress layout XML.

  Input: the set document rolepress assembles (see "Two kinds of input" in
  common.xsl):

    <rolepress-set>
      <handbook>...</handbook>   xml/handbook.xml (xml/schema/handbook.rng)
      <ladder>...</ladder>       xml/ladders.xml (xml/schema/ladders.rng)
      <role id="...">...</role>  every blueprint, in file-name order
    </rolepress-set>

  Output: a <document> valid against xml/schema/layout.rng:

    cover          own page template without furniture; front matter is
                   numbered i, ii, iii from here
    contents       a line per part, family chapter and role, with leaders
                   and page numbers
    introduction   from handbook.xml, with tables generated from the ladder
    the ladder     one landscape page: the ladder as a diagram (tiers =
                   levels, highest first; lanes = families in chapter
                   order; a node per role; promotion and lateral edges);
                   body numbering 1, 2, 3 starts here
    chapters       one per family, in handbook order: an opening page
                   (family description, the chapter's introduction, the
                   family's part of the ladder as a small diagram, its
                   roles by level with page numbers), then every role as
                   its career guide (career-guide.xsl's guide-body, with
                   the hooks role-ref and at-a-glance-extra overridden)
    skills index   every skill, A to Z, with the roles that ask for it,
                   the proficiency each expects and its page
    level
    comparison     per family, skills against the family's levels, with a
                   header row that repeats on every page

  Wherever a role mentions another role of the book it is printed as a
  link followed by its page, "Lead Cloud Architect (p. 12)": this
  stylesheet overrides common.xsl's role-ref hook.  Every page-ref and
  #link points at an id that is written exactly once: chapter ids are the
  family ids (prefixed with "family." in the unlikely case a role has the
  same id), role sections have the role id, and the book's own parts use
  ids with a dot ("hb.contents"), which blueprint ids cannot contain.

  Styles, page geometry, lookups and the whole career guide come from
  career-guide.xsl and common.xsl, so the book looks like the individual
  guides.  Parameters: paper, accent (common.xsl).  Everything printed
  comes from the set document; the stylesheet writes and fetches nothing.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                xmlns:func="http://exslt.org/functions"
                xmlns:math="http://exslt.org/math"
                xmlns:set="http://exslt.org/sets"
                xmlns:rp="urn:x-rolepress:xsl"
                xmlns:rpt="urn:x-rolepress:typeset"
                extension-element-prefixes="exsl func rpt"
                exclude-result-prefixes="rp math set">

  <xsl:import href="career-guide.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:strip-space elements="rolepress-set handbook introduction chapters chapter list
                             ladder families levels proficiencies"/>

  <!-- ======================================================== the set -->

  <xsl:variable name="hb" select="/rolepress-set/handbook"/>
  <xsl:variable name="hb-title" select="normalize-space($hb/title)"/>
  <xsl:variable name="hb-edition" select="normalize-space($hb/edition)"/>
  <xsl:variable name="hb-org" select="normalize-space($hb/organisation)"/>
  <xsl:variable name="ladder-families" select="$ladder-el/families/family"/>

  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- The chapters in print order, as <c family="..."/>: the families the
       handbook lists that have roles in the set, then the other families
       with roles in ladder order, then (in a set that failed validation)
       families the ladder does not know.  So every role gets a chapter,
       and every page-ref to a role has a target. -->
  <xsl:variable name="chapter-order-rtf">
    <xsl:for-each select="$hb/chapters/chapter">
      <xsl:variable name="f" select="normalize-space(@family)"/>
      <xsl:if test="$set-roles[normalize-space(family) = $f] and
                    not(preceding-sibling::chapter[normalize-space(@family) = $f])">
        <c family="{$f}"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$ladder-families">
      <xsl:variable name="f" select="normalize-space(@id)"/>
      <xsl:if test="$set-roles[normalize-space(family) = $f] and
                    not($hb/chapters/chapter[normalize-space(@family) = $f])">
        <c family="{$f}"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$set-roles">
      <xsl:variable name="f" select="normalize-space(family)"/>
      <xsl:if test="not($ladder-families[normalize-space(@id) = $f]) and
                    not(preceding-sibling::role[normalize-space(family) = $f])">
        <c family="{$f}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

  <!-- The same, numbered, with an id per chapter and the family's roles in
       print order (<r/>): by level, lowest first, then by title. -->
  <xsl:variable name="chapters-rtf">
    <xsl:for-each select="exsl:node-set($chapter-order-rtf)/c">
      <xsl:variable name="f" select="@family"/>
      <c family="{$f}" n="{position()}">
        <xsl:attribute name="id">
          <xsl:if test="$set-roles[@id = $f]">family.</xsl:if>
          <xsl:value-of select="$f"/>
        </xsl:attribute>
        <xsl:attribute name="name">
          <xsl:call-template name="family-name">
            <xsl:with-param name="id" select="string($f)"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:for-each select="$set-roles[normalize-space(family) = $f]">
          <xsl:sort select="sum($ladder-levels[@id = normalize-space(current()/level)]/@rank)"
                    data-type="number"/>
          <xsl:sort select="translate(normalize-space(title), $upper, $lower)"/>
          <r id="{@id}" level="{normalize-space(level)}"
             rank="{sum($ladder-levels[@id = normalize-space(current()/level)]/@rank)}"/>
        </xsl:for-each>
      </c>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="chapters" select="exsl:node-set($chapters-rtf)/c"/>

  <!-- The ids of the roles printed in the book: what role-ref may link. -->
  <xsl:variable name="book-role-ids" select="$chapters/r/@id"/>

  <!-- rp:in-book($id): whether the role is printed in the book, by key
       (a scan of $book-role-ids per cross-reference is quadratic). -->
  <xsl:key name="book-role" match="c/r" use="@id"/>
  <func:function name="rp:in-book">
    <xsl:param name="id"/>
    <xsl:for-each select="$chapters[1]">
      <func:result select="boolean(key('book-role', $id))"/>
    </xsl:for-each>
  </func:function>

  <!-- The ladder's levels that hold at least one role of the set. -->
  <xsl:variable name="set-levels"
      select="$ladder-levels[@id = $set-roles/level]"/>

  <!-- The set document, for key() lookups made from inside a result-tree
       fragment (key() searches the document of the context node). -->
  <xsl:variable name="set-root" select="/"/>

  <!-- Skills are one skill across roles when their names match. -->
  <xsl:key name="skill-by-name" match="rolepress-set/role/skills/skill"
           use="normalize-space(@name)"/>
  <!-- The same within one family ("family|name"): a family's uses of a
       name, found at once (filtering the set's uses of the name by family
       was quadratic in the size of a family). -->
  <xsl:key name="skill-in-family" match="rolepress-set/role/skills/skill"
           use="concat(normalize-space(../../family), '|', normalize-space(@name))"/>

  <!-- ======================================================= document -->

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="rolepress-set/handbook and rolepress-set/role">
        <xsl:apply-templates select="rolepress-set"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">rolepress: handbook.xsl expects a &lt;rolepress-set&gt; with a &lt;handbook&gt; and at least one &lt;role&gt;, got &lt;<xsl:value-of select="name(*)"/>&gt;</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="rolepress-set">
    <document>
      <!-- common.xsl's doc-lang: the lang option, else the handbook
           definition's xml:lang, else en. -->
      <xsl:attribute name="xml:lang"><xsl:value-of select="$doc-lang"/></xsl:attribute>
      <xsl:call-template name="meta">
        <xsl:with-param name="title" select="$hb-title"/>
        <xsl:with-param name="author" select="$hb-org"/>
        <xsl:with-param name="subject">
          <xsl:choose>
            <xsl:when test="normalize-space($hb/subtitle)"><xsl:value-of select="normalize-space($hb/subtitle)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat($hb-title, ', ', $hb-edition)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="keywords">
          <xsl:for-each select="$chapters">
            <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
            <xsl:value-of select="@name"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:call-template name="page-templates"/>

      <xsl:call-template name="styles"/>
      <xsl:call-template name="mark-styles"/>
      <xsl:call-template name="guide-styles"/>
      <xsl:call-template name="handbook-styles"/>

      <!-- rpt:flush after each part: what is written so far is finished,
           and rolepress may put it aside until it is typeset (a book's
           layout is never in memory whole).  Elsewhere it does nothing.
           The skills index and the level comparison flush inside their
           sections, a skill and a family at a time: each grows with the
           book. -->
      <xsl:call-template name="cover"/>
      <xsl:call-template name="contents"/>
      <rpt:flush><xsl:fallback/></rpt:flush>
      <xsl:apply-templates select="$hb/introduction"/>
      <xsl:call-template name="ladder-overview"/>
      <rpt:flush><xsl:fallback/></rpt:flush>
      <xsl:for-each select="$chapters">
        <xsl:call-template name="chapter"/>
        <rpt:flush><xsl:fallback/></rpt:flush>
      </xsl:for-each>
      <xsl:call-template name="skills-index"/>
      <xsl:call-template name="level-comparison"/>
    </document>
  </xsl:template>

  <!-- =================================================== page templates -->

  <!-- The running furniture of every numbered page: the chapter (the
       top-level section) left and the role (the section inside it) right,
       the book and the page number below.  The cover has none. -->
  <xsl:template name="page-templates">
    <xsl:variable name="footer-left" select="concat($hb-title, ' · ', $hb-edition)"/>
    <xsl:call-template name="page-template">
      <xsl:with-param name="name" select="'page'"/>
      <xsl:with-param name="header-left"><section-title level="1"/></xsl:with-param>
      <xsl:with-param name="header-right"><section-title level="2"/></xsl:with-param>
      <xsl:with-param name="footer-left" select="$footer-left"/>
      <xsl:with-param name="footer-right"><page-number/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="page-template">
      <xsl:with-param name="name" select="'wide'"/>
      <xsl:with-param name="orientation" select="'landscape'"/>
      <xsl:with-param name="header-left"><section-title level="1"/></xsl:with-param>
      <xsl:with-param name="header-right" select="$hb-org"/>
      <xsl:with-param name="footer-left" select="$footer-left"/>
      <xsl:with-param name="footer-right"><page-number/></xsl:with-param>
    </xsl:call-template>
    <!-- The cover: the same measure, no furniture.  (Its accent band
         stays inside the margins: the typesetter lays every page out at
         the measure of the first template.) -->
    <xsl:call-template name="page-template">
      <xsl:with-param name="name" select="'cover'"/>
      <xsl:with-param name="furniture" select="false()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ========================================================== styles -->

  <xsl:template name="handbook-styles">
    <!-- The cover: the inner margin of its text (the band's padding, and
         the indent of the text below the band, so both align), the drop
         of the title inside the band and the space above the imprint at
         the foot, which fill the page (257 mm of body on A4, 247 mm on
         Letter, 170 mm on A5). -->
    <xsl:variable name="cover-indent">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A5'">9mm</xsl:when>
        <xsl:otherwise>14mm</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cover-drop">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A5'">16mm</xsl:when>
        <xsl:when test="$paper-size = 'Letter'">36mm</xsl:when>
        <xsl:when test="$paper-size = 'Legal'">60mm</xsl:when>
        <xsl:otherwise>42mm</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cover-foot">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A5'">14mm</xsl:when>
        <xsl:when test="$paper-size = 'Letter'">60mm</xsl:when>
        <xsl:when test="$paper-size = 'Legal'">120mm</xsl:when>
        <xsl:otherwise>70mm</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cover-title-size">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A5'">28pt</xsl:when>
        <xsl:otherwise>38pt</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <style name="cover-band" parent="body" background="{$c-accent}" padding="{$cover-indent}"
           space-after="0pt"/>
    <style name="cover-band-rule" parent="body" background="{$c-accent-soft}" font-size="3pt"
           line-height="1" padding="1pt" space-after="0pt"/>
    <style name="cover-table" parent="body" space-before="0pt" space-after="0pt"/>
    <style name="cover-kicker" font-family="Noto Sans" font-weight="bold" font-size="9pt"
           line-height="1.2" color="#ffffff" text-transform="uppercase"
           letter-spacing="1.6pt" space-after="0pt"/>
    <style name="cover-title" font-family="Noto Sans" font-weight="bold" font-size="{$cover-title-size}"
           line-height="1.08" color="#ffffff" space-before="{$cover-drop}" space-after="10pt"
           letter-spacing="-0.4pt"/>
    <style name="cover-subtitle" font-family="Noto Serif" font-style="italic" font-size="13pt"
           line-height="1.35" color="{$c-tint}" space-after="0pt"/>
    <style name="cover-edition" font-family="Noto Sans" font-weight="bold" font-size="20pt"
           line-height="1.2" color="{$c-accent}" space-before="14mm" space-after="3pt"
           start-indent="{$cover-indent}" end-indent="{$cover-indent}"/>
    <style name="cover-rule" parent="body" start-indent="{$cover-indent}" space-after="9pt"/>
    <style name="cover-facts" font-family="Noto Sans" font-size="10pt" line-height="1.4"
           color="{$c-muted}" start-indent="{$cover-indent}" end-indent="{$cover-indent}"
           space-after="2pt"/>
    <style name="cover-org" font-family="Noto Sans" font-weight="bold" font-size="11pt"
           line-height="1.3" color="{$c-accent}" space-before="{$cover-foot}" space-after="1pt"
           start-indent="{$cover-indent}" end-indent="{$cover-indent}"/>
    <style name="cover-small" font-family="Noto Sans" font-size="8pt" line-height="1.35"
           color="{$c-muted}" start-indent="{$cover-indent}" end-indent="{$cover-indent}"/>

    <!-- Contents: set to fit one page (about 46 lines with the shipped
         set), a little tighter on Letter, whose body is 10 mm shorter. -->
    <xsl:variable name="toc-gap">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A4' or $paper-size = 'Legal'">6.5pt</xsl:when>
        <xsl:otherwise>4.5pt</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="toc-lead">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A4' or $paper-size = 'Legal'">1.3</xsl:when>
        <xsl:otherwise>1.24</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <style name="toc-part" font-family="Noto Sans" font-weight="bold" font-size="10pt"
           line-height="{$toc-lead}" color="{$c-accent}" space-before="{$toc-gap}"
           space-after="1.5pt" keep-with-next="yes"/>
    <style name="toc-role" parent="body" font-size="9.5pt" line-height="{$toc-lead}"
           start-indent="6mm" space-after="0.5pt"/>
    <style name="toc-level" parent="toc-role" font-family="Noto Sans" font-size="7.5pt"
           color="{$c-muted}"/>
    <style name="toc-number" font-family="Noto Sans" font-weight="bold" font-size="10pt"
           color="{$c-muted}"/>

    <!-- Chapter openers. -->
    <style name="chapter-kicker" parent="kicker" color="{$c-accent}" font-size="8.5pt"
           letter-spacing="1.4pt" space-after="4pt"/>
    <style name="chapter-title" font-family="Noto Sans" font-weight="bold" font-size="28pt"
           line-height="1.1" color="{$c-accent}" space-after="8pt" rule-below="1.5pt"
           border-color="{$c-accent}" keep-with-next="yes"/>
    <style name="chapter-lead" parent="lead" font-size="11.5pt" line-height="1.4"
           space-before="6pt" space-after="8pt"/>
    <style name="opener-level" font-family="Noto Sans" font-weight="bold" font-size="7.5pt"
           line-height="1.25" color="{$c-muted}" text-transform="uppercase"
           letter-spacing="0.8pt" space-before="9pt" space-after="3pt"
           rule-below="0.5pt" border-color="{$c-rule}" keep-with-next="yes"/>
    <style name="opener-expect" parent="body" font-style="italic" font-size="8.5pt"
           line-height="1.3" color="{$c-muted}" space-after="2pt" keep-with-next="yes"/>
    <style name="opener-role" font-family="Noto Sans" font-weight="bold" font-size="10pt"
           line-height="1.3" color="{$c-text}" space-before="3pt" space-after="0.5pt"
           keep-with-next="yes"/>
    <style name="opener-summary" parent="body" font-size="8.5pt" line-height="1.3"
           color="{$c-muted}" end-indent="14mm" space-after="3pt"/>

    <!-- The ladder page. -->
    <style name="diagram" parent="body" space-before="4pt" space-after="0pt"/>
    <style name="diagram-family" parent="body" space-before="6pt" space-after="6pt"/>
    <!-- (Their boxes and labels: diagram-node and diagram-label, from
         career-guide.xsl's guide-styles.) -->

    <!-- The skills index: a letter, a skill, its roles. -->
    <style name="index-letter" font-family="Noto Sans" font-weight="bold" font-size="13pt"
           line-height="1.2" color="{$c-accent}" space-before="10pt" space-after="2pt"
           rule-below="0.5pt" border-color="{$c-rule}" keep-with-next="yes"/>
    <style name="index-skill" font-family="Noto Sans" font-weight="bold" font-size="8.5pt"
           line-height="1.3" color="{$c-text}" space-before="5pt" space-after="0.5pt"
           keep-with-next="yes"/>
    <style name="index-count" parent="index-skill" font-weight="normal" color="{$c-muted}"/>
    <style name="index-entry" parent="body" font-size="8.5pt" line-height="1.3"
           start-indent="5mm" space-after="0pt"/>
    <style name="index-prof" parent="index-entry" font-family="Noto Sans" font-size="7.5pt"
           color="{$c-muted}"/>

    <!-- The level comparison. -->
    <style name="cell-up" parent="cell-center" font-weight="bold" color="{$c-accent}"/>
    <style name="cell-empty" parent="cell-center" color="{$c-mark-off}"/>
    <style name="levels-line" parent="body" font-size="8.5pt" line-height="1.35"
           space-after="2pt"/>
    <style name="h2-matrix" parent="h2" space-before="16pt"/>
    <style name="legend-up" parent="body" font-weight="bold" color="{$c-accent}"/>
  </xsl:template>

  <!-- ============================================================ cover -->

  <xsl:template name="cover">
    <section id="hb.cover" template="cover" numbering="lower-roman">
      <table style="cover-table" cell-style="cover-band">
        <column width="1"/>
        <tbody>
          <row>
            <cell>
              <para style="cover-kicker"><xsl:call-template name="content"><xsl:with-param name="from" select="$hb"/><xsl:with-param name="text" select="$hb-org"/></xsl:call-template></para>
              <para style="cover-title"><xsl:call-template name="content"><xsl:with-param name="from" select="$hb"/><xsl:with-param name="text" select="$hb-title"/></xsl:call-template></para>
              <xsl:if test="normalize-space($hb/subtitle)">
                <para style="cover-subtitle"><xsl:call-template name="content"><xsl:with-param name="from" select="$hb/subtitle"/></xsl:call-template></para>
              </xsl:if>
            </cell>
          </row>
          <row>
            <cell style="cover-band-rule"><xsl:text>&#160;</xsl:text></cell>
          </row>
        </tbody>
      </table>
      <para style="cover-edition"><xsl:call-template name="content"><xsl:with-param name="from" select="$hb"/><xsl:with-param name="text" select="$hb-edition"/></xsl:call-template></para>
      <para style="cover-rule">
        <shape kind="bar" size="2.5pt" width="28mm" color="{$c-accent}"/>
      </para>
      <para style="cover-facts">
        <xsl:variable name="lowest">
          <xsl:call-template name="level-name">
            <xsl:with-param name="id" select="string($set-levels[not(number(@rank) &gt; $set-levels/@rank)][1]/@id)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="highest">
          <xsl:call-template name="level-name">
            <xsl:with-param name="id" select="string($set-levels[not(number(@rank) &lt; $set-levels/@rank)][1]/@id)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="rp:msg('hb.cover-facts', 'roles', rp:num(count($book-role-ids)),
                                     'families', rp:num(count($chapters)),
                                     'lowest', string($lowest), 'highest', string($highest))"/>
      </para>
      <para style="cover-facts">
        <xsl:for-each select="$chapters">
          <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
      </para>
      <group keep-together="yes">
        <para style="cover-org"><xsl:call-template name="content"><xsl:with-param name="from" select="$hb"/><xsl:with-param name="text" select="$hb-org"/></xsl:call-template></para>
        <para style="cover-small">
          <xsl:value-of select="rp:msg('hb.cover-imprint', 'edition', $hb-edition)"/>
        </para>
      </group>
    </section>
  </xsl:template>

  <!-- ========================================================= contents -->

  <!-- One line per entry: the title, dot leaders, the page; the whole line
       is a link to the entry.  $src-node: the blueprint element the line
       prints (a role's title), whose src it takes; none for the book's
       own parts. -->
  <xsl:template name="toc-line">
    <xsl:param name="ref"/>
    <xsl:param name="text"/>
    <xsl:param name="style" select="'toc-part'"/>
    <xsl:param name="number"/>
    <xsl:param name="level"/>
    <xsl:param name="src-node" select="/.."/>
    <!-- the source of $text, when it is content (a role's title) -->
    <xsl:param name="text-from" select="/.."/>
    <para style="{$style}">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="$src-node"/>
      </xsl:call-template>
      <link href="#{$ref}">
        <xsl:if test="string($number)">
          <span style="toc-number"><xsl:value-of select="$number"/></span>
          <xsl:text>&#8194;</xsl:text>
        </xsl:if>
        <xsl:call-template name="content">
          <xsl:with-param name="from" select="$text-from"/>
          <xsl:with-param name="text" select="$text"/>
        </xsl:call-template>
        <xsl:if test="string($level)">
          <xsl:text>&#8194;</xsl:text>
          <span style="toc-level"><xsl:value-of select="$level"/></span>
        </xsl:if>
        <leader/>
        <page-ref ref="{$ref}"/>
      </link>
    </para>
  </xsl:template>

  <xsl:template name="contents">
    <section id="hb.contents" template="page" title="{rp:msg('hb.contents')}"
             bookmark="{rp:msg('hb.contents')}">
      <heading level="1" outline="no" style="title"><xsl:value-of select="rp:msg('hb.contents')"/></heading>
      <para style="subtitle">
        <xsl:value-of select="concat($hb-title, ' · ', $hb-edition)"/>
      </para>
      <!-- The entries, as one table of contents in the tagged PDF. -->
      <group role="contents">
      <xsl:call-template name="toc-line">
        <xsl:with-param name="ref" select="'hb.introduction'"/>
        <xsl:with-param name="text" select="$intro-title"/>
      </xsl:call-template>
      <xsl:call-template name="toc-line">
        <xsl:with-param name="ref" select="'hb.ladder'"/>
        <xsl:with-param name="text" select="rp:msg('hb.ladder')"/>
      </xsl:call-template>
      <xsl:for-each select="$chapters">
        <xsl:call-template name="toc-line">
          <xsl:with-param name="ref" select="string(@id)"/>
          <xsl:with-param name="text" select="string(@name)"/>
          <xsl:with-param name="number" select="string(@n)"/>
        </xsl:call-template>
        <xsl:for-each select="r">
          <xsl:call-template name="toc-line">
            <xsl:with-param name="ref" select="string(@id)"/>
            <xsl:with-param name="text" select="normalize-space(rp:role(current()/@id)/title)"/>
            <xsl:with-param name="text-from" select="rp:role(current()/@id)"/>
            <xsl:with-param name="src-node" select="rp:role(current()/@id)/title"/>
            <xsl:with-param name="style" select="'toc-role'"/>
            <xsl:with-param name="level">
              <xsl:call-template name="level-name">
                <xsl:with-param name="id" select="string(@level)"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:call-template name="toc-line">
        <xsl:with-param name="ref" select="'hb.skills'"/>
        <xsl:with-param name="text" select="rp:msg('hb.skills-index')"/>
      </xsl:call-template>
      <xsl:call-template name="toc-line">
        <xsl:with-param name="ref" select="'hb.levels'"/>
        <xsl:with-param name="text" select="rp:msg('hb.levels')"/>
      </xsl:call-template>
      <xsl:for-each select="$chapters">
        <xsl:call-template name="toc-line">
          <xsl:with-param name="ref" select="concat('hb.levels.', @family)"/>
          <xsl:with-param name="text" select="string(@name)"/>
          <xsl:with-param name="style" select="'toc-role'"/>
        </xsl:call-template>
      </xsl:for-each>
      </group>
    </section>
  </xsl:template>

  <!-- ===================================================== introduction -->

  <xsl:variable name="intro-title">
    <xsl:choose>
      <xsl:when test="normalize-space($hb/introduction/@title)"><xsl:value-of select="normalize-space($hb/introduction/@title)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="rp:msg('hb.introduction')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="introduction">
    <section id="hb.introduction" template="page" title="{$intro-title}" bookmark="{$intro-title}">
      <heading level="1" outline="no" style="title"><xsl:value-of select="$intro-title"/></heading>
      <para style="subtitle"><xsl:value-of select="rp:msg('hb.introduction-subtitle')"/></para>
      <xsl:apply-templates select="*" mode="intro"/>
    </section>
  </xsl:template>

  <!-- The first paragraph leads, like a guide's summary.  The handbook
       definition has no positions today; src-of then emits nothing. -->
  <xsl:template match="p" mode="intro">
    <para>
      <xsl:call-template name="src-of"/>
      <xsl:attribute name="style">
        <xsl:choose>
          <xsl:when test="not(preceding-sibling::*)">lead</xsl:when>
          <xsl:otherwise>body</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:apply-templates select="node()" mode="inline"/>
    </para>
  </xsl:template>

  <xsl:template match="heading" mode="intro">
    <heading level="2" style="h2">
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="content"></xsl:call-template>
    </heading>
  </xsl:template>

  <xsl:template match="list" mode="intro">
    <xsl:call-template name="bullets">
      <xsl:with-param name="items" select="item"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ladder-table[@of = 'families']" mode="intro">
    <table style="table" header-style="cell-head" cell-style="cell" keep-together="yes">
      <column width="1.6"/>
      <column width="4"/>
      <column width="0.6"/>
      <column width="0.6"/>
      <thead>
        <row>
          <cell><xsl:value-of select="rp:msg('label.family')"/></cell>
          <cell><xsl:value-of select="rp:msg('hb.family-who')"/></cell>
          <cell style="cell-head-center"><xsl:value-of select="rp:msg('hb.roles')"/></cell>
          <cell style="cell-head-center"><xsl:value-of select="rp:msg('hb.page')"/></cell>
        </row>
      </thead>
      <tbody>
        <xsl:for-each select="$chapters">
          <xsl:variable name="f" select="string(@family)"/>
          <row>
            <cell style="cell-strong"><link href="#{@id}"><xsl:value-of select="@name"/></link></cell>
            <cell><xsl:call-template name="content"><xsl:with-param name="from" select="$ladder-families[@id = $f]"/></xsl:call-template></cell>
            <cell style="cell-center"><xsl:value-of select="rp:num(count(r))"/></cell>
            <cell style="cell-center"><page-ref ref="{@id}"/></cell>
          </row>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="ladder-table[@of = 'levels']" mode="intro">
    <table style="table" header-style="cell-head" cell-style="cell" keep-together="yes">
      <column width="1.1"/>
      <column width="4.6"/>
      <column width="1.1"/>
      <thead>
        <row>
          <cell><xsl:value-of select="rp:msg('label.level')"/></cell>
          <cell><xsl:value-of select="rp:msg('hb.level-expects')"/></cell>
          <cell style="cell-head-center"><xsl:value-of select="rp:msg('hb.roles-in-book')"/></cell>
        </row>
      </thead>
      <tbody>
        <xsl:for-each select="$ladder-levels">
          <xsl:sort select="@rank" data-type="number" order="descending"/>
          <xsl:variable name="n" select="count($set-roles[normalize-space(level) = current()/@id])"/>
          <row>
            <cell style="cell-strong"><xsl:value-of select="rp:term(.)"/></cell>
            <cell><xsl:call-template name="content"></xsl:call-template></cell>
            <xsl:choose>
              <xsl:when test="$n &gt; 0">
                <cell style="cell-center"><xsl:value-of select="rp:num($n)"/></cell>
              </xsl:when>
              <xsl:otherwise>
                <cell style="cell-empty">–</cell>
              </xsl:otherwise>
            </xsl:choose>
          </row>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="ladder-table[@of = 'proficiencies']" mode="intro">
    <table style="table" header-style="cell-head" cell-style="cell" keep-together="yes">
      <column width="1.1"/>
      <column width="1.1"/>
      <column width="4.6"/>
      <thead>
        <row>
          <cell><xsl:value-of select="rp:msg('hb.proficiency')"/></cell>
          <cell style="cell-head-center"><xsl:value-of select="rp:msg('hb.in-matrix')"/></cell>
          <cell><xsl:value-of select="rp:msg('hb.in-practice')"/></cell>
        </row>
      </thead>
      <tbody>
        <xsl:for-each select="$ladder-proficiencies">
          <xsl:sort select="@rank" data-type="number"/>
          <row>
            <cell style="cell-strong"><xsl:value-of select="rp:term(.)"/></cell>
            <cell style="cell-center">
              <xsl:call-template name="rating-marks">
                <xsl:with-param name="have" select="number(@rank)"/>
              </xsl:call-template>
            </cell>
            <cell><xsl:call-template name="content"></xsl:call-template></cell>
          </row>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="*" mode="intro"/>

  <!-- ============================================== the ladder overview -->

  <!-- Every candidate edge as <e i from to kind drawn?/>: promotions and
       lateral moves each role lists, and feeder moves turned round (a
       feeder into X is a move from the feeder to X: a promotion when it
       leads to a higher level, else lateral).  Only roles of the book.
       drawn is there when both ends are in the ladder diagram (their
       levels are on the ladder), and holds the family when both are of
       the same family (the edge is drawn in that chapter's diagram too),
       so the diagrams pick their edges without comparing id lists. -->
  <xsl:variable name="edges-rtf">
    <xsl:for-each select="$set-roles[rp:in-book(@id)]">
      <xsl:variable name="me" select="."/>
      <xsl:variable name="first" select="position() * $edge-stride"/>
      <xsl:for-each select="career-path/move[@kind = 'promotion' or @kind = 'lateral']
                            [rp:in-book(normalize-space(@role))]">
        <xsl:call-template name="edge">
          <xsl:with-param name="i" select="$first + position()"/>
          <xsl:with-param name="from" select="$me"/>
          <xsl:with-param name="to" select="rp:role(normalize-space(@role))"/>
          <xsl:with-param name="kind" select="string(@kind)"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="$set-roles[rp:in-book(@id)]">
      <xsl:variable name="me" select="."/>
      <xsl:variable name="first" select="(count($set-roles) + position()) * $edge-stride"/>
      <xsl:variable name="to-rank" select="sum($ladder-levels[@id = normalize-space(current()/level)]/@rank)"/>
      <xsl:for-each select="career-path/move[@kind = 'feeder'][rp:in-book(normalize-space(@role))]">
        <xsl:variable name="from" select="rp:role(normalize-space(@role))"/>
        <xsl:variable name="from-rank"
            select="sum($ladder-levels[@id = normalize-space($from/level)]/@rank)"/>
        <xsl:call-template name="edge">
          <xsl:with-param name="i" select="$first + position()"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$me"/>
          <xsl:with-param name="kind">
            <xsl:choose>
              <xsl:when test="$from-rank &lt; $to-rank">promotion</xsl:when>
              <xsl:otherwise>lateral</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>

  <!-- i, for the test below, grows in the order the edges are listed:
       the n-th role's k-th move is n × stride + k, past every move of the
       role before it, and the feeders come after all the roles' own moves.
       (Numbered by position once listed, the list would be copied: a few
       kilobytes a role more while both are held.) -->
  <xsl:variable name="edge-stride" select="count($set-roles/career-path/move) + 1"/>

  <!-- One <e/> of edges-rtf; $from and $to are the <role>s (the first, if
       an invalid set repeats an id). -->
  <xsl:template name="edge">
    <xsl:param name="i"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="kind"/>
    <e i="{$i}" from="{$from/@id}" to="{$to/@id}" kind="{$kind}">
      <xsl:if test="$ladder-levels[@id = normalize-space($from/level)] and
                    $ladder-levels[@id = normalize-space($to/level)]">
        <xsl:attribute name="drawn">
          <xsl:if test="normalize-space($from/family) = normalize-space($to/family)">
            <xsl:value-of select="normalize-space($from/family)"/>
          </xsl:if>
        </xsl:attribute>
      </xsl:if>
    </e>
  </xsl:template>

  <!-- Each edge once: the first of the same from/to, and a lateral move
       listed from both ends drawn once.  "The first" by key, not by a
       scan of the preceding edges, which is quadratic in the edges; the
       edges chosen, not copies of them (another list as long). -->
  <xsl:key name="edge" match="e[@i]" use="concat(@from, ' ', @to)"/>
  <xsl:variable name="edges"
      select="exsl:node-set($edges-rtf)/e[string(@from) != string(@to) and
                generate-id() = generate-id(key('edge', concat(@from, ' ', @to))[1]) and
                not(@kind = 'lateral' and
                    key('edge', concat(@to, ' ', @from))[1]/@i &lt; number(@i))]"/>

  <xsl:template name="ladder-overview">
    <section id="hb.ladder" template="wide" numbering="{$page-numbering}"
             title="{rp:msg('hb.ladder')}" bookmark="{rp:msg('hb.ladder')}">
      <heading level="1" outline="no" style="title"><xsl:value-of select="rp:msg('hb.ladder')"/></heading>
      <para style="legend">
        <xsl:value-of select="concat(rp:msg('hb.ladder-legend'), ' ')"/>
        <xsl:value-of select="rp:msg('hb.ladder-counts', 'roles', rp:num(count($book-role-ids)),
                                     'promotions', rp:num(count($edges[@kind = 'promotion'])),
                                     'laterals', rp:num(count($edges[@kind = 'lateral'])))"/>
      </para>
      <xsl:call-template name="ladder-diagram"/>
    </section>
  </xsl:template>

  <!-- The roles drawn are those whose level is on the ladder (all of them
       in a set that passes rolepress validate): r[@level = $set-levels/@id]. -->

  <xsl:template name="ladder-diagram">
    <xsl:variable name="max-height">
      <xsl:choose>
        <xsl:when test="$paper-size = 'A5'">90mm</xsl:when>
        <xsl:when test="$paper-size = 'Letter'">150mm</xsl:when>
        <xsl:otherwise>138mm</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="diagram-with-alt">
      <xsl:with-param name="diagram">
        <diagram style="diagram" node-style="diagram-node" label-style="diagram-label"
                 max-height="{$max-height}">
          <xsl:for-each select="$set-levels">
            <xsl:sort select="@rank" data-type="number" order="descending"/>
            <tier id="{@id}" label="{rp:term(.)}"/>
          </xsl:for-each>
          <xsl:for-each select="$chapters">
            <lane id="{@family}" label="{@name}"/>
          </xsl:for-each>
          <xsl:for-each select="$chapters/r[@level = $set-levels/@id]">
            <node id="{@id}" tier="{@level}" lane="{../@family}" href="#{@id}">
              <xsl:value-of select="normalize-space(rp:role(current()/@id)/title)"/>
            </node>
          </xsl:for-each>
          <xsl:for-each select="$edges[@drawn]">
            <edge from="{@from}" to="{@to}" kind="{@kind}"/>
          </xsl:for-each>
        </diagram>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ========================================================= chapters -->

  <!-- Context: a chapter <c> (chapters-rtf). -->
  <xsl:template name="chapter">
    <xsl:variable name="c" select="."/>
    <xsl:variable name="f" select="string(@family)"/>
    <section id="{@id}" template="page" title="{@name}" bookmark="{@name}">
      <para style="chapter-kicker"><xsl:value-of select="rp:msg('hb.chapter', 'n', rp:num(@n))"/></para>
      <heading level="1" outline="no" style="chapter-title"><xsl:value-of select="@name"/></heading>
      <xsl:if test="normalize-space($ladder-families[@id = $f])">
        <para style="chapter-lead"><xsl:call-template name="content"><xsl:with-param name="from" select="$ladder-families[@id = $f]"/></xsl:call-template></para>
      </xsl:if>
      <xsl:apply-templates select="$hb/chapters/chapter[normalize-space(@family) = $f][1]/p"
                           mode="block"/>

      <xsl:call-template name="family-diagram"/>

      <heading level="2" outline="no" style="h2">
        <xsl:value-of select="rp:msg('hb.chapter-roles', 'n', rp:num(count(r)))"/>
      </heading>
      <!-- By level, in the order of the chapter's pages: the first role of
           each level (set:distinct, as for the skills index). -->
      <xsl:for-each select="set:distinct(r/@level)/..">
        <xsl:variable name="level" select="string(@level)"/>
        <xsl:variable name="expect">
          <xsl:call-template name="level-description">
            <xsl:with-param name="id" select="$level"/>
          </xsl:call-template>
        </xsl:variable>
        <para style="opener-level">
          <xsl:call-template name="level-name">
            <xsl:with-param name="id" select="$level"/>
          </xsl:call-template>
        </para>
        <xsl:if test="string($expect)">
          <para style="opener-expect"><xsl:copy-of select="$expect"/></para>
        </xsl:if>
        <xsl:for-each select="$c/r[@level = $level]">
          <xsl:variable name="role" select="rp:role(current()/@id)"/>
          <para style="opener-role">
            <xsl:call-template name="src-of">
              <xsl:with-param name="node" select="$role/title"/>
            </xsl:call-template>
            <link href="#{@id}">
              <xsl:call-template name="content"><xsl:with-param name="from" select="$role/title"/></xsl:call-template>
              <leader/>
              <page-ref ref="{@id}"/>
            </link>
          </para>
          <!-- With the summaries, up to seven roles fit the opening page
               beside the family's diagram; a larger family is listed by
               title only. -->
          <xsl:if test="count($c/r) &lt;= 7">
            <para style="opener-summary">
              <xsl:call-template name="src-of">
                <xsl:with-param name="node" select="$role/summary"/>
              </xsl:call-template>
              <xsl:apply-templates select="$role/summary/node()" mode="inline"/>
            </para>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>

      <xsl:for-each select="r">
        <xsl:for-each select="rp:role(current()/@id)">
          <xsl:variable name="title" select="normalize-space(title)"/>
          <section id="{@id}" title="{$title}" bookmark="{$title}" break-before="page">
            <xsl:call-template name="src-of"/>
            <xsl:call-template name="guide-body"/>
          </section>
          <rpt:flush><xsl:fallback/></rpt:flush>
        </xsl:for-each>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- The family's own part of the ladder, for its opening page: one
       lane, its levels, the moves between its roles.  Only for a family
       of three roles or more: the list below says all there is to say
       about one or two.  Context: a chapter <c>. -->
  <xsl:template name="family-diagram">
    <xsl:variable name="ids" select="r[@level = $set-levels/@id]/@id"/>
    <xsl:if test="count($ids) &gt; 2">
      <xsl:variable name="family" select="string(@family)"/>
      <xsl:call-template name="diagram-with-alt">
        <xsl:with-param name="diagram">
          <diagram style="diagram-family" node-style="diagram-node" label-style="diagram-label"
                   max-height="62mm">
            <xsl:for-each select="$set-levels[@id = current()/r/@level]">
              <xsl:sort select="@rank" data-type="number" order="descending"/>
              <tier id="{@id}" label="{rp:term(.)}"/>
            </xsl:for-each>
            <lane id="{$family}" label="{@name}"/>
            <xsl:for-each select="r[@level = $set-levels/@id]">
              <node id="{@id}" tier="{@level}" lane="{$family}" href="#{@id}">
                <xsl:value-of select="normalize-space(rp:role(current()/@id)/title)"/>
              </node>
            </xsl:for-each>
            <xsl:for-each select="$edges[@drawn = $family]">
              <edge from="{@from}" to="{@to}" kind="{@kind}"/>
            </xsl:for-each>
          </diagram>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================ cross-references -->

  <!-- common.xsl's hook: a role of this book becomes "Title (p. N)", the
       title a link to the role's guide and N its first page; a role
       outside the book stays plain text. -->
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
      <xsl:when test="string($id) and rp:in-book($id)">
        <xsl:choose>
          <xsl:when test="$bold"><b><link href="#{$id}"><xsl:copy-of select="$t"/></link></b></xsl:when>
          <xsl:otherwise><link href="#{$id}"><xsl:copy-of select="$t"/></link></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$page">
          <xsl:choose>
            <xsl:when test="string($page-style)">
              <xsl:text>&#160;</xsl:text>
              <span style="{$page-style}">
                <xsl:call-template name="page-ref-text">
                  <xsl:with-param name="id" select="$id"/>
                </xsl:call-template>
              </span>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>&#160;</xsl:text>
              <xsl:call-template name="page-ref-text">
                <xsl:with-param name="id" select="$id"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$bold"><b><xsl:copy-of select="$t"/></b></xsl:when>
      <xsl:otherwise><xsl:copy-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "(p. 12)": the page of the role $id, as the catalogue writes it
       (hb.page-ref, {page} the number).  The book makes one for nearly
       every mention of a role, so the message is split once, here, rather
       than filled through msg-nodes each time. -->
  <xsl:variable name="page-ref-msg" select="rp:msg('hb.page-ref')"/>
  <xsl:variable name="page-ref-before" select="substring-before($page-ref-msg, '{page}')"/>
  <xsl:variable name="page-ref-after" select="substring-after($page-ref-msg, '{page}')"/>

  <xsl:template name="page-ref-text">
    <xsl:param name="id"/>
    <xsl:value-of select="concat('(', $page-ref-before)"/>
    <page-ref ref="{$id}"/>
    <xsl:value-of select="concat($page-ref-after, ')')"/>
  </xsl:template>

  <!-- career-guide.xsl's hook: a box of a guide's career-path diagram
       links to that role's guide (its section has the role id). -->
  <xsl:template name="path-node-href">
    <xsl:param name="id"/>
    <xsl:if test="string($id) and rp:in-book($id)">
      <xsl:attribute name="href"><xsl:value-of select="concat('#', $id)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- career-guide.xsl's hook: whom the role works with, in the facts
       table; roles of the book linked, other partners by the name before
       the colon of "Who: what together". -->
  <xsl:template name="at-a-glance-extra">
    <xsl:if test="reporting/collaborator">
      <row>
        <xsl:call-template name="src-of">
          <xsl:with-param name="node" select="reporting"/>
        </xsl:call-template>
        <cell style="cell-label"><xsl:value-of select="rp:msg('hb.works-with')"/></cell>
        <cell span="3">
          <xsl:for-each select="reporting/collaborator">
            <xsl:variable name="t" select="normalize-space(.)"/>
            <xsl:variable name="who" select="substring-before($t, ': ')"/>
            <xsl:variable name="id" select="normalize-space(@role)"/>
            <xsl:if test="position() &gt; 1"><xsl:value-of select="rp:msg('list.semicolon')"/></xsl:if>
            <xsl:choose>
              <xsl:when test="$id != '' and rp:in-book($id)">
                <xsl:call-template name="role-ref">
                  <xsl:with-param name="id" select="$id"/>
                  <xsl:with-param name="title" select="normalize-space(rp:role($id)/title)"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:when test="$who != '' and string-length($who) &lt;= 60">
                <xsl:call-template name="content"><xsl:with-param name="text" select="$who"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:call-template name="content"><xsl:with-param name="text" select="$t"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </cell>
      </row>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== skills index -->

  <!-- The distinct skills of the book's roles, A to Z (case-insensitive),
       each with its initial, upper-cased, for the letter headings.
       set:distinct keeps the first of each name in one hashed sweep; a
       key()[1] test per use copies all uses of the name each time, which
       is quadratic in the number of roles. -->
  <xsl:variable name="index-names-rtf">
    <xsl:for-each select="$set-roles[rp:in-book(@id)]/skills/skill">
      <n><xsl:value-of select="normalize-space(@name)"/></n>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="index-rtf">
    <xsl:for-each select="set:distinct(exsl:node-set($index-names-rtf)/n)">
      <xsl:sort select="translate(., $upper, $lower)"/>
      <xsl:variable name="name" select="string(.)"/>
      <s name="{$name}" letter="{translate(substring($name, 1, 1), $lower, $upper)}"/>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template name="skills-index">
    <xsl:variable name="skills" select="exsl:node-set($index-rtf)/s"/>
    <section id="hb.skills" template="page" title="{rp:msg('hb.skills-index')}"
             bookmark="{rp:msg('hb.skills-index')}">
      <heading level="1" outline="no" style="title"><xsl:value-of select="rp:msg('hb.skills-index')"/></heading>
      <para style="subtitle">
        <xsl:value-of select="rp:msg('hb.skills-count', 'skills', rp:num(count($skills)),
                                     'roles', rp:num(count($book-role-ids)))"/>
      </para>
      <para style="body">
        <xsl:value-of select="rp:msg('hb.skills-intro', 'next-level', rp:msg('guide.next-level'))"/>
      </para>
      <xsl:for-each select="$skills">
        <xsl:variable name="name" select="string(@name)"/>
        <xsl:if test="not(preceding-sibling::s[1]/@letter = @letter)">
          <heading level="2" style="index-letter"><xsl:value-of select="@letter"/></heading>
        </xsl:if>
        <!-- back in the set document, where the key finds the skill's
             uses at once instead of scanning every role's skills -->
        <xsl:for-each select="$set-root">
        <xsl:variable name="uses"
            select="key('skill-by-name', $name)[rp:in-book(../../@id)]"/>
        <para style="index-skill">
          <xsl:value-of select="$name"/>
          <span style="index-count">
            <xsl:text> · </xsl:text>
            <xsl:choose>
              <xsl:when test="count($uses) = 1"><xsl:value-of select="rp:msg('hb.role-count.one', 'n', rp:num(1))"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="rp:msg('hb.role-count.other', 'n', rp:num(count($uses)))"/></xsl:otherwise>
            </xsl:choose>
          </span>
        </para>
        <xsl:for-each select="$uses">
          <xsl:sort select="sum($ladder-proficiencies[@id = normalize-space(current()/@proficiency)]/@rank)"
                    data-type="number" order="descending"/>
          <xsl:sort select="sum($ladder-levels[@id = normalize-space(current()/../../level)]/@rank)"
                    data-type="number" order="descending"/>
          <xsl:sort select="translate(normalize-space(../../title), $upper, $lower)"/>
          <xsl:variable name="role" select="../.."/>
          <!-- The entry is this role's <skill>. -->
          <para style="index-entry">
            <xsl:call-template name="src-of"/>
            <link href="#{$role/@id}"><xsl:call-template name="content"><xsl:with-param name="from" select="$role/title"/></xsl:call-template></link>
            <xsl:text>&#8194;</xsl:text>
            <span style="index-prof">
              <xsl:call-template name="proficiency-name"/>
            </span>
            <leader/>
            <page-ref ref="{$role/@id}"/>
          </para>
        </xsl:for-each>
        </xsl:for-each>
        <rpt:flush><xsl:fallback/></rpt:flush>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- ================================================ level comparison -->

  <xsl:template name="level-comparison">
    <section id="hb.levels" template="page" title="{rp:msg('hb.levels-short')}"
             bookmark="{rp:msg('hb.levels')}">
      <heading level="1" outline="no" style="title"><xsl:value-of select="rp:msg('hb.levels')"/></heading>
      <para style="subtitle"><xsl:value-of select="rp:msg('hb.levels-subtitle')"/></para>
      <para style="body">
        <xsl:value-of select="concat(rp:msg('hb.levels-intro'), ' ')"/>
        <xsl:call-template name="msg-nodes">
          <xsl:with-param name="key" select="'hb.levels-bold'"/>
          <xsl:with-param name="args">
            <arg name="bold"><span style="legend-up"><xsl:value-of select="rp:msg('hb.levels-bold-word')"/></span></arg>
          </xsl:with-param>
        </xsl:call-template>
      </para>
      <xsl:for-each select="$chapters">
        <xsl:call-template name="family-matrix"/>
        <rpt:flush><xsl:fallback/></rpt:flush>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- Context: a chapter <c>. -->
  <xsl:template name="family-matrix">
    <xsl:variable name="c" select="."/>
    <xsl:variable name="roles" select="rp:role(current()/r/@id)"/>
    <xsl:variable name="levels" select="$ladder-levels[@id = $c/r/@level]"/>
    <!-- The family's distinct skills by name, as <k name category/>: the
         first use of each name (set:distinct, as for the skills index). -->
    <xsl:variable name="skills-rtf">
      <xsl:for-each select="$roles/skills/skill">
        <xsl:variable name="name" select="normalize-space(@name)"/>
        <k name="{$name}" category="{@category}"><xsl:value-of select="$name"/></k>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="skills" select="set:distinct(exsl:node-set($skills-rtf)/k)"/>
    <!-- The tables follow on: the heading and the lines above a table keep
         with it, and the table's header row repeats on every page. -->
    <section id="{concat('hb.levels.', @family)}" title="{@name}" bookmark="{@name}">
      <heading level="2" outline="no" style="h2-matrix"><xsl:value-of select="@name"/></heading>
      <xsl:for-each select="$levels">
        <xsl:sort select="@rank" data-type="number"/>
        <xsl:variable name="level" select="string(@id)"/>
        <para style="levels-line" keep-with-next="yes">
          <b><xsl:value-of select="rp:term(.)"/></b>
          <xsl:value-of select="rp:msg('punct.colon')"/>
          <xsl:for-each select="$c/r[@level = $level]">
            <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
            <xsl:call-template name="role-ref">
              <xsl:with-param name="id" select="string(@id)"/>
              <xsl:with-param name="title" select="normalize-space(rp:role(current()/@id)/title)"/>
            </xsl:call-template>
          </xsl:for-each>
        </para>
      </xsl:for-each>
      <table style="table" header-style="cell-head" cell-style="cell">
        <!-- A table that fits on a page is kept whole (with its heading,
             which keeps with it); a longer one breaks between rows. -->
        <xsl:if test="count($skills) &lt;= 28">
          <xsl:attribute name="keep-together">yes</xsl:attribute>
        </xsl:if>
        <column width="2.6"/>
        <xsl:for-each select="$levels">
          <column width="1"/>
        </xsl:for-each>
        <thead>
          <row>
            <cell><xsl:value-of select="rp:msg('label.skill')"/></cell>
            <xsl:for-each select="$levels">
              <xsl:sort select="@rank" data-type="number"/>
              <cell style="cell-head-center"><xsl:value-of select="rp:term(.)"/></cell>
            </xsl:for-each>
          </row>
        </thead>
        <tbody>
          <xsl:call-template name="comparison-band">
            <xsl:with-param name="skills" select="$skills"/>
            <xsl:with-param name="categories" select="normalize-space($category-order)"/>
            <xsl:with-param name="family" select="string($c/@family)"/>
            <xsl:with-param name="levels" select="$levels"/>
          </xsl:call-template>
          <xsl:for-each select="$skills[not(contains($category-order, concat(' ', @category, ' ')))]">
            <xsl:sort select="translate(@name, $upper, $lower)"/>
            <xsl:call-template name="comparison-row">
              <xsl:with-param name="family" select="string($c/@family)"/>
              <xsl:with-param name="levels" select="$levels"/>
            </xsl:call-template>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- The bands of a comparison table, one per category that has skills,
       skills A to Z inside a band. -->
  <xsl:template name="comparison-band">
    <xsl:param name="skills"/>
    <xsl:param name="categories"/>
    <xsl:param name="family"/>
    <xsl:param name="levels"/>
    <xsl:variable name="cat">
      <xsl:choose>
        <xsl:when test="contains($categories, ' ')"><xsl:value-of select="substring-before($categories, ' ')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$categories"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$cat != ''">
      <xsl:variable name="in" select="$skills[@category = $cat]"/>
      <xsl:if test="$in">
        <row keep-with-next="yes">
          <cell style="cell-band" span="{count($levels) + 1}">
            <xsl:call-template name="category-label">
              <xsl:with-param name="category" select="$cat"/>
            </xsl:call-template>
          </cell>
        </row>
        <xsl:for-each select="$in">
          <xsl:sort select="translate(@name, $upper, $lower)"/>
          <xsl:call-template name="comparison-row">
            <xsl:with-param name="family" select="$family"/>
            <xsl:with-param name="levels" select="$levels"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:if>
      <xsl:call-template name="comparison-band">
        <xsl:with-param name="skills" select="$skills"/>
        <xsl:with-param name="categories" select="substring-after($categories, ' ')"/>
        <xsl:with-param name="family" select="$family"/>
        <xsl:with-param name="levels" select="$levels"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- One skill (<k name>) against the family's levels.  Per level: the
       lowest and highest rank expected by the level's roles that list the
       skill; printed as a name or a range, bold when the highest rises
       above the highest of the nearest lower level that lists it. -->
  <xsl:template name="comparison-row">
    <xsl:param name="family"/>
    <xsl:param name="levels"/>
    <xsl:variable name="name" select="string(@name)"/>
    <!-- the skill's uses by the family's roles, by key (see skills-index) -->
    <xsl:variable name="named-rtf">
      <xsl:for-each select="$set-root">
        <xsl:for-each select="key('skill-in-family', concat($family, '|', $name))">
          <u level="{normalize-space(../../level)}" proficiency="{normalize-space(@proficiency)}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="named" select="exsl:node-set($named-rtf)/u"/>
    <xsl:variable name="cells-rtf">
      <xsl:for-each select="$levels">
        <xsl:sort select="@rank" data-type="number"/>
        <xsl:variable name="level" select="string(@id)"/>
        <xsl:variable name="uses" select="$named[@level = $level]"/>
        <xsl:variable name="ranks-rtf">
          <xsl:for-each select="$uses">
            <rank><xsl:value-of select="sum($ladder-proficiencies[@id = normalize-space(current()/@proficiency)]/@rank)"/></rank>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="ranks" select="exsl:node-set($ranks-rtf)/rank"/>
        <v>
          <xsl:if test="$uses">
            <!-- math:min/max: one sweep (comparing each rank with all
                 the others was quadratic in the level's roles) -->
            <xsl:attribute name="min"><xsl:value-of select="math:min($ranks)"/></xsl:attribute>
            <xsl:attribute name="max"><xsl:value-of select="math:max($ranks)"/></xsl:attribute>
          </xsl:if>
        </v>
      </xsl:for-each>
    </xsl:variable>
    <row>
      <cell style="cell-strong"><xsl:value-of select="$name"/></cell>
      <xsl:for-each select="exsl:node-set($cells-rtf)/v">
        <xsl:variable name="before" select="preceding-sibling::v[@max][1]"/>
        <xsl:choose>
          <xsl:when test="not(@max)">
            <cell style="cell-center"/>
          </xsl:when>
          <xsl:otherwise>
            <cell>
              <xsl:attribute name="style">
                <xsl:choose>
                  <xsl:when test="$before and number(@max) &gt; number($before/@max)">cell-up</xsl:when>
                  <xsl:otherwise>cell-center</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:value-of select="rp:term($ladder-proficiencies[number(@rank) = number(current()/@min)])"/>
              <xsl:if test="number(@max) != number(@min)">
                <xsl:text>–</xsl:text>
                <xsl:value-of select="rp:term($ladder-proficiencies[number(@rank) = number(current()/@max)])"/>
              </xsl:if>
            </cell>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </row>
  </xsl:template>

</xsl:stylesheet>
