<?xml version="1.0" encoding="UTF-8"?>
<!--
  job-description.xsl - one role blueprint -> a posting-ready job
  description (1-3 pages) in rolepress layout XML.

  Input: a <role> (xml/schema/blueprint.rng).  Output: a <document> valid
  against xml/schema/layout.rng.  Shared parameters (paper, ladder), the
  page template, the style set and the lookups come from common.xsl.

  Reading order follows what a candidate asks, in turn: what is this job
  (title, summary, the facts at a glance), why does it exist and how far
  does it reach (purpose, scope, reporting), what will I do (responsibilities,
  deliverables), what do I need (skills, qualifications), how am I judged
  (KPIs) and where can it lead (career path).

  Parameters (defined in common.xsl): paper = A4 or Letter; ladder = the
  location of ladders.xml.  Run by hand with xsltproc and its stringparam
  option, e.g. stringparam paper Letter.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:rp="urn:x-rolepress:xsl"
                exclude-result-prefixes="rp">

  <xsl:import href="common.xsl"/>

  <!-- indent only makes the layout readable when dumped; it adds
       whitespace between blocks, never inside inline content, and the
       typesetter collapses whitespace anyway. -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Element-only containers of the blueprint: their indentation is
       noise.  Prose elements are not listed, because the spaces between
       two inline elements in prose are real. -->
  <xsl:strip-space elements="role meta reporting responsibilities group deliverables
                             skills qualifications kpis kpi career-path purpose scope"/>

  <!-- ========================================================= document -->

  <xsl:template match="/">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- Anything that is not a role is a wrong input, not an empty document:
       say so instead of producing output the schema check would reject
       with a less helpful message. -->
  <xsl:template match="/*" priority="-1">
    <xsl:message terminate="yes">rolepress: job-description.xsl expects a &lt;role&gt; blueprint, got &lt;<xsl:value-of select="name()"/>&gt;</xsl:message>
  </xsl:template>

  <xsl:template match="role">
    <xsl:variable name="title" select="normalize-space(title)"/>
    <document>
      <!-- The document's language (common.xsl's doc-lang: the lang
           option, else the blueprint's, else en) drives hyphenation and
           shaping in the typesetter and the PDF's /Lang. -->
      <xsl:attribute name="xml:lang"><xsl:value-of select="$doc-lang"/></xsl:attribute>
      <xsl:call-template name="meta">
        <xsl:with-param name="title" select="rp:msg('jd.doc-title', 'role', $title)"/>
      </xsl:call-template>

      <xsl:call-template name="page-template">
        <xsl:with-param name="name" select="'job'"/>
        <xsl:with-param name="header-left" select="$title"/>
        <xsl:with-param name="header-right" select="rp:msg('jd.kind')"/>
        <xsl:with-param name="footer-left">
          <xsl:call-template name="role-control-line"/>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:call-template name="styles"/>
      <xsl:call-template name="mark-styles"/>

      <!-- One section for the whole role: its bookmark is the outline's
           top entry, the level-2 headings nest under it. -->
      <!-- The section has the role's src: what a block without its own
           falls back to. -->
      <section id="{@id}" title="{$title}" bookmark="{$title}">
        <xsl:call-template name="src-of"/>
        <xsl:call-template name="page-numbering"/>
        <xsl:call-template name="title-block"/>
        <xsl:apply-templates select="purpose | scope | reporting | responsibilities
                                     | deliverables | skills | qualifications
                                     | kpis | career-path"/>
      </section>
    </document>
  </xsl:template>

  <!-- ====================================================== title block -->

  <!-- Title, "Family · Level" subtitle, the summary as a lead paragraph
       and the facts box.  The title is kept out of the outline because the
       section bookmark already names the role. -->
  <xsl:template name="title-block">
    <heading level="1" outline="no" style="title">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="title"/>
      </xsl:call-template>
      <xsl:call-template name="content"><xsl:with-param name="from" select="title"/></xsl:call-template>
    </heading>
    <para style="subtitle">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="family"/>
      </xsl:call-template>
      <xsl:call-template name="family-name"/>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="level-name"/>
      <!-- A posting that is not approved must not pass for one. -->
      <xsl:if test="normalize-space(meta/status) != 'approved'">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="status-label"/>
      </xsl:if>
    </para>
    <para style="lead">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="summary"/>
      </xsl:call-template>
      <xsl:apply-templates select="summary/node()" mode="inline"/>
    </para>
    <xsl:call-template name="at-a-glance"/>
  </xsl:template>

  <!-- Three label/value pairs per row: six facts in two short rows.
       What a candidate scans for comes first (family, level, experience,
       manager), then document status.  The owner fills the experience slot
       when no years are given; the review date is in every footer. -->
  <xsl:template name="at-a-glance">
    <!-- The largest stated minimum: "8+ years" even when a second, more
         specific experience line asks for fewer. -->
    <xsl:variable name="years"
        select="number(qualifications/experience[@years]
                [not(number(@years) &lt; ../experience/@years)][1]/@years)"/>
    <!-- Widths follow the content: labels are short, the family and the
         manager's title are the longest values. -->
    <table style="table" header-style="cell-caption" cell-style="cell"
           keep-together="yes">
      <column width="0.95"/>
      <column width="2.6"/>
      <column width="0.75"/>
      <column width="1.5"/>
      <column width="0.95"/>
      <column width="1.65"/>
      <thead>
        <row><cell span="6"><xsl:value-of select="rp:msg('jd.at-a-glance')"/></cell></row>
      </thead>
      <tbody>
        <row>
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="family"/>
          </xsl:call-template>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.family')"/></cell>
          <cell><xsl:call-template name="family-name"/></cell>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.level')"/></cell>
          <cell><xsl:call-template name="level-name"/></cell>
          <xsl:choose>
            <xsl:when test="$years &gt; 0">
              <cell style="cell-label"><xsl:value-of select="rp:msg('label.experience')"/></cell>
              <cell><xsl:value-of select="rp:msg('label.years', 'n', rp:num($years))"/></cell>
            </xsl:when>
            <xsl:otherwise>
              <cell style="cell-label"><xsl:value-of select="rp:msg('label.owner')"/></cell>
              <cell><xsl:call-template name="content"><xsl:with-param name="from" select="meta/owner"/></xsl:call-template></cell>
            </xsl:otherwise>
          </xsl:choose>
        </row>
        <row>
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="reporting/reports-to"/>
          </xsl:call-template>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.reports-to')"/></cell>
          <cell><xsl:call-template name="content"><xsl:with-param name="from" select="reporting/reports-to"/></xsl:call-template></cell>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.status')"/></cell>
          <cell><xsl:call-template name="status-label"/></cell>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.version')"/></cell>
          <cell><xsl:value-of select="normalize-space(meta/version)"/></cell>
        </row>
      </tbody>
    </table>
  </xsl:template>

  <!-- ========================================================= sections -->

  <!-- A section heading; its src is the blueprint element the section
       prints (the context node of the templates below). -->
  <xsl:template name="h2">
    <xsl:param name="text"/>
    <xsl:param name="node" select="."/>
    <heading level="2" style="h2">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:value-of select="$text"/>
    </heading>
  </xsl:template>

  <xsl:template match="purpose | scope">
    <xsl:call-template name="h2">
      <xsl:with-param name="text">
        <xsl:choose>
          <xsl:when test="self::purpose"><xsl:value-of select="rp:msg('jd.purpose')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="rp:msg('jd.scope')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="p" mode="block"/>
  </xsl:template>

  <xsl:template match="reporting">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('jd.reporting')"/>
    </xsl:call-template>
    <!-- One line, "Reports to X; works closely with:", leading into the
         list of collaborators, so it must stay with it. -->
    <para style="body">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="reports-to"/>
      </xsl:call-template>
      <xsl:if test="collaborator">
        <xsl:attribute name="keep-with-next">yes</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="msg-nodes">
        <xsl:with-param name="key">
          <xsl:choose>
            <xsl:when test="collaborator">jd.reports-to-with</xsl:when>
            <xsl:otherwise>jd.reports-to</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="args">
          <arg name="manager"><b><xsl:call-template name="content"><xsl:with-param name="from" select="reports-to"/></xsl:call-template></b></arg>
        </xsl:with-param>
      </xsl:call-template>
    </para>
    <xsl:if test="collaborator">
      <list style="list" item-style="list-item">
        <xsl:call-template name="src-of"/>
        <xsl:apply-templates select="collaborator"/>
      </list>
    </xsl:if>
  </xsl:template>

  <!-- Collaborators are usually written "Who: what together"; setting the
       "who" in bold makes the list scannable.  Text without such a short
       lead-in is printed plainly. -->
  <xsl:template match="collaborator">
    <xsl:variable name="t" select="normalize-space(.)"/>
    <xsl:variable name="who" select="substring-before($t, ': ')"/>
    <item>
      <xsl:call-template name="src-of"/>
      <xsl:choose>
        <xsl:when test="$who != '' and string-length($who) &lt;= 60">
          <b><xsl:call-template name="content"><xsl:with-param name="text" select="$who"/></xsl:call-template></b>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="content"><xsl:with-param name="text" select="substring-after($t, ': ')"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="content"><xsl:with-param name="text" select="$t"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </item>
  </xsl:template>

  <xsl:template match="responsibilities">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('heading.responsibilities')"/>
    </xsl:call-template>
    <xsl:apply-templates select="group"/>
  </xsl:template>

  <!-- The group gives its src to its heading and (in bullets) its list. -->
  <xsl:template match="responsibilities/group">
    <heading level="3" style="h3">
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="group-title"/>
    </heading>
    <xsl:call-template name="bullets">
      <xsl:with-param name="items" select="item"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Lists of prose items use common.xsl's bullets (the list takes the
       src of the context node, each item its own) and keep-if-short. -->

  <xsl:template match="deliverables">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('jd.deliverables')"/>
    </xsl:call-template>
    <xsl:call-template name="bullets">
      <xsl:with-param name="items" select="deliverable"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Skills table: grouped by category in a fixed order (the category
       column then reads as runs, not noise), one line per skill.  The
       skills' descriptions are left to the career guide: in a posting they
       would add half a page, and the table is what a candidate scans. -->
  <xsl:template match="skills">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('label.skills')"/>
    </xsl:call-template>
    <table style="table" header-style="cell-head" cell-style="cell">
      <xsl:call-template name="src-of"/>
      <column width="3"/>
      <column width="1.3"/>
      <column width="1.7"/>
      <thead>
        <row>
          <cell><xsl:value-of select="rp:msg('label.skill')"/></cell>
          <cell><xsl:value-of select="rp:msg('jd.category')"/></cell>
          <cell><xsl:value-of select="rp:msg('jd.expected')"/></cell>
        </row>
      </thead>
      <tbody>
        <xsl:for-each select="skill">
          <xsl:sort data-type="number"
                    select="string-length(substring-before($category-order,
                            concat(' ', @category, ' ')))"/>
          <row>
            <xsl:call-template name="src-of"/>
            <cell style="cell-strong"><xsl:call-template name="content"><xsl:with-param name="text" select="normalize-space(@name)"/></xsl:call-template></cell>
            <cell><xsl:call-template name="category-label"/></cell>
            <cell>
              <xsl:call-template name="proficiency-name"/>
              <xsl:variable name="rank">
                <xsl:call-template name="proficiency-rank"/>
              </xsl:variable>
              <!-- "4 of 5" tells a reader who does not know the scale
                   where the name sits on it. -->
              <xsl:if test="string($rank) and string($proficiency-max)">
                <span style="note">
                  <xsl:value-of select="concat(' (', rp:msg('jd.rank-of', 'rank', rp:num($rank),
                                                           'max', rp:num($proficiency-max)), ')')"/>
                </span>
              </xsl:if>
            </cell>
          </row>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- One list, experience first, then education, then certifications
       (each item names its kind in its own words, so sub-headings would
       only cost space).  Preferences are marked; requirements are not,
       since required is the default reading of a qualification.
       experience/@years is not repeated: the prose states it in words, and
       the figure is in the at-a-glance box, where a candidate scans for it. -->
  <xsl:template match="qualifications">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('heading.qualifications')"/>
    </xsl:call-template>
    <xsl:call-template name="qualification-list"/>
  </xsl:template>

  <xsl:template match="kpis">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('jd.kpis')"/>
    </xsl:call-template>
    <xsl:call-template name="kpi-table"/>
  </xsl:template>

  <!-- Career path: one list read as sentences ("Promotion to Lead Cloud
       Architect - why"), upward moves first (what most candidates look
       for), then sideways, then where people usually come from. -->
  <xsl:template match="career-path">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('heading.career-path')"/>
    </xsl:call-template>
    <list style="list" item-style="list-item">
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="keep-if-short">
        <xsl:with-param name="count" select="count(move)"/>
      </xsl:call-template>
      <xsl:apply-templates select="move[@kind = 'promotion']"/>
      <xsl:apply-templates select="move[@kind = 'lateral']"/>
      <xsl:apply-templates select="move[@kind = 'feeder']"/>
    </list>
  </xsl:template>

  <xsl:template match="move">
    <item>
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="move-kind-phrase">
        <xsl:with-param name="target"><b><xsl:call-template name="move-title"/></b></xsl:with-param>
      </xsl:call-template>
      <xsl:if test="normalize-space(.)">
        <xsl:text> — </xsl:text>
        <xsl:apply-templates select="node()" mode="inline"/>
      </xsl:if>
    </item>
  </xsl:template>

</xsl:stylesheet>
