<?xml version="1.0" encoding="UTF-8"?>
<!--
  career-guide.xsl - one role blueprint -> a career guide (typically 3-5
  pages) in rolepress layout XML.

  Input: a <role> (xml/schema/blueprint.rng).  Output: a <document> valid
  against xml/schema/layout.rng.  Shared parameters (paper, ladder,
  accent), the page template, the style set, the lookups and the rating
  marks come from common.xsl, so a guide looks like the job description of
  the same role.

  The reader is someone planning a career, not a candidate: the guide
  answers, in turn, what the role is (title block, facts at a glance,
  purpose and scope), what it involves (all responsibilities), what it
  takes (the skill matrix, KPIs, qualifications), where it leads (career
  path: a diagram of the neighbouring roles of the set by level and
  family, then each move with the neighbouring role's level) and what
  changes at the next level (for every promotion inside the ladder: skills that are
  new, that rise, that stay and that drop, by skill name and with
  proficiencies compared by rank).

  Other roles are read as sibling files: id.xml next to the input (see
  known-roles in common.xsl).  A role that cannot be read is treated like
  one outside the ladder; nothing fails.

  The handbook (handbook.xsl) imports this stylesheet and prints every role
  of the set as its career guide: it calls the named template guide-body
  with the <role> as context, inside a section of its own, and overrides
  the hooks role-ref (common.xsl: a mention of another role, which the
  handbook links and gives a page number), path-node-href (the link of a
  box of the career-path diagram; none here) and at-a-glance-extra (rows
  added to the facts table; none here).  Input there is the set document,
  so nothing below may assume that the role is the document element.

  Parameters (defined in common.xsl): paper = A4 or Letter; ladder = the
  location of ladders.xml; accent = #rrggbb.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                xmlns:rp="urn:x-rolepress:xsl"
                extension-element-prefixes="exsl"
                exclude-result-prefixes="rp">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:strip-space elements="role meta reporting responsibilities group deliverables
                             skills qualifications kpis kpi career-path purpose scope"/>

  <!-- The input document's root, for loading siblings from inside a
       for-each over another document (where / is that document). -->
  <xsl:variable name="input-root" select="/"/>

  <!-- ========================================================= document -->

  <xsl:template match="/">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:message terminate="yes">rolepress: career-guide.xsl expects a &lt;role&gt; blueprint, got &lt;<xsl:value-of select="name()"/>&gt;</xsl:message>
  </xsl:template>

  <xsl:template match="role">
    <xsl:variable name="title" select="normalize-space(title)"/>
    <document>
      <!-- The document's language (common.xsl's doc-lang) drives
           hyphenation and shaping in the typesetter and the PDF's /Lang. -->
      <xsl:attribute name="xml:lang"><xsl:value-of select="$doc-lang"/></xsl:attribute>
      <xsl:call-template name="meta">
        <xsl:with-param name="title" select="rp:msg('guide.doc-title', 'role', $title)"/>
      </xsl:call-template>

      <xsl:call-template name="page-template">
        <xsl:with-param name="name" select="'guide'"/>
        <xsl:with-param name="header-left" select="$title"/>
        <xsl:with-param name="header-right" select="rp:msg('guide.kind')"/>
        <xsl:with-param name="footer-left">
          <xsl:call-template name="role-control-line"/>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:call-template name="styles"/>
      <xsl:call-template name="mark-styles"/>
      <xsl:call-template name="guide-styles"/>

      <!-- The section has the role's src: what a block without its own
           falls back to. -->
      <section id="{@id}" title="{$title}" bookmark="{$title}">
        <xsl:call-template name="src-of"/>
        <xsl:call-template name="page-numbering"/>
        <xsl:call-template name="guide-body"/>
      </section>
    </document>
  </xsl:template>

  <!-- The guide itself, without document or section: the content of the
       role's section, here and in the handbook.  Context: a <role>. -->
  <xsl:template name="guide-body">
    <xsl:call-template name="title-block"/>
    <xsl:call-template name="purpose-and-scope"/>
    <xsl:apply-templates select="responsibilities"/>
    <xsl:apply-templates select="skills"/>
    <xsl:apply-templates select="kpis"/>
    <xsl:apply-templates select="qualifications"/>
    <xsl:apply-templates select="career-path"/>
    <xsl:call-template name="next-level"/>
  </xsl:template>

  <!-- ============================================================ styles -->

  <!-- What the guide adds to the shared set: the kicker over the title,
       centred cells for the matrix, band rows that group table rows, the
       legend under a matrix and the tinted call-out for a level's
       expectations. -->
  <xsl:template name="guide-styles">
    <style name="kicker" font-family="Noto Sans" font-weight="bold" font-size="7.5pt"
           line-height="1.2" color="{$c-muted}" text-transform="uppercase"
           letter-spacing="0.9pt" space-after="3pt" keep-with-next="yes"/>
    <style name="cell-head-center" parent="cell-head" text-align="center"/>
    <style name="cell-center" parent="cell" text-align="center"/>
    <!-- A row that names the group of the rows below it. -->
    <style name="cell-band" parent="cell-label" font-size="7pt"
           text-transform="uppercase" letter-spacing="0.6pt"
           padding="2.5pt"/>
    <style name="cell-muted" parent="cell" font-style="italic" color="{$c-muted}"/>
    <style name="legend" parent="body" font-family="Noto Sans" font-size="7.5pt"
           line-height="1.3" color="{$c-muted}" space-before="0pt" space-after="8pt"/>
    <!-- The career path's tables, one per kind of move: closer together
         than unrelated tables, so they read as one. -->
    <style name="table-path" parent="table" space-before="2pt" space-after="5pt"/>
    <!-- Tables whose legend follows directly: less space below. -->
    <style name="table-legend" parent="table" space-after="3pt"/>
    <!-- A label/value table without grid on a tinted ground: the call-out
         with a target level's expectations. -->
    <style name="callout-table" parent="body" space-before="2pt" space-after="6pt"/>
    <style name="callout" parent="body" font-size="9pt" line-height="1.3"
           padding="5pt" space-after="0pt" background="{$c-tint-light}"/>
    <style name="callout-label" parent="callout" font-family="Noto Sans"
           font-weight="bold" font-size="7.5pt" color="{$c-accent}"/>
    <style name="callout-new" parent="callout" font-style="italic" color="{$c-muted}"/>
    <!-- The level after a target's title in its heading: quieter. -->
    <style name="h3-level" parent="h3" font-weight="normal" color="{$c-muted}"/>
    <!-- Diagrams (the career path's neighbourhood here, the ladder and
         the family diagrams in the handbook): boxes in the sans at 7pt on
         the light tint, outlined in the accent (this role filled with
         it), tier and lane labels in small accent capitals. -->
    <style name="diagram-node" font-family="Noto Sans" font-size="7pt" line-height="1.15"
           color="{$c-text}" background="{$c-tint-light}" border-color="{$c-accent}"
           border-width="0.6pt" padding="3pt" text-align="center"/>
    <style name="diagram-label" font-family="Noto Sans" font-weight="bold" font-size="7pt"
           line-height="1.2" color="{$c-accent}" text-transform="uppercase"
           letter-spacing="0.5pt" border-color="{$c-rule}"/>
    <!-- The career path diagram and its legend, kept together. -->
    <style name="diagram-path-group" parent="body" space-before="4pt" space-after="2pt"/>
    <style name="diagram-path" parent="body" space-before="0pt" space-after="5pt"/>
    <style name="diagram-path-dip" parent="diagram-path" space-after="18pt"/>
    <!-- Plain paragraphs of the next-level section, set a little tighter. -->
    <style name="body-tight" parent="body" space-after="3pt"/>
  </xsl:template>

  <!-- ====================================================== title block -->

  <xsl:template name="title-block">
    <para style="kicker"><xsl:value-of select="rp:msg('guide.kind')"/></para>
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

  <!-- The facts a person planning a move looks for: where the role sits
       on the ladder, the experience it asks, whom it reports to, where it
       leads and how demanding its skill profile is. -->
  <xsl:template name="at-a-glance">
    <xsl:variable name="years"
        select="number(qualifications/experience[@years]
                [not(number(@years) &lt; ../experience/@years)][1]/@years)"/>
    <xsl:variable name="rank">
      <xsl:call-template name="level-rank"/>
    </xsl:variable>
    <xsl:variable name="expectation">
      <xsl:call-template name="level-description"/>
    </xsl:variable>
    <!-- Skills at the top two levels of the scale: how demanding the
         profile is.  Ids compared as a node-set, ranks as numbers. -->
    <xsl:variable name="high-rank" select="number($proficiency-max) - 1"/>
    <xsl:variable name="high-skills"
        select="skills/skill[@proficiency = $ladder-proficiencies[number(@rank) &gt;= $high-rank]/@id]"/>
    <table style="table" header-style="cell-caption" cell-style="cell"
           keep-together="yes">
      <column width="0.95"/>
      <column width="2.45"/>
      <column width="0.85"/>
      <column width="2.45"/>
      <thead>
        <row><cell span="4"><xsl:value-of select="rp:msg('guide.at-a-glance')"/></cell></row>
      </thead>
      <tbody>
        <row>
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="family"/>
          </xsl:call-template>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.family')"/></cell>
          <cell><xsl:call-template name="family-name"/></cell>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.level')"/></cell>
          <cell>
            <xsl:call-template name="level-name"/>
            <xsl:if test="string($rank) and string($level-max)">
              <span style="note">
                <xsl:value-of select="concat(' ', rp:msg('guide.level-rank', 'rank', rp:num($rank),
                                                         'max', rp:num($level-max)))"/>
              </span>
            </xsl:if>
          </cell>
        </row>
        <row>
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="reporting/reports-to"/>
          </xsl:call-template>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.reports-to')"/></cell>
          <cell>
            <xsl:call-template name="role-ref">
              <xsl:with-param name="id" select="normalize-space(reporting/reports-to/@role)"/>
              <xsl:with-param name="title" select="normalize-space(reporting/reports-to)"/>
              <xsl:with-param name="from" select="reporting/reports-to"/>
            </xsl:call-template>
          </cell>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.experience')"/></cell>
          <cell>
            <xsl:choose>
              <xsl:when test="$years &gt; 0"><xsl:value-of select="rp:msg('label.years', 'n', rp:num($years))"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="rp:msg('guide.see-qualifications')"/></xsl:otherwise>
            </xsl:choose>
          </cell>
        </row>
        <row>
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="career-path"/>
          </xsl:call-template>
          <cell style="cell-label"><xsl:value-of select="rp:msg('guide.next-step')"/></cell>
          <cell>
            <xsl:for-each select="career-path/move[@kind = 'promotion']">
              <xsl:if test="position() &gt; 1"><xsl:value-of select="rp:msg('list.semicolon')"/></xsl:if>
              <xsl:call-template name="move-ref"/>
            </xsl:for-each>
            <xsl:if test="not(career-path/move[@kind = 'promotion'])">
              <span style="note"><xsl:value-of select="rp:msg('guide.none-recorded')"/></span>
            </xsl:if>
          </cell>
          <cell style="cell-label"><xsl:value-of select="rp:msg('label.skills')"/></cell>
          <cell>
            <xsl:value-of select="rp:msg('guide.skill-count', 'n', rp:num(count(skills/skill)))"/>
            <xsl:if test="$high-skills">
              <xsl:variable name="high">
                <xsl:call-template name="proficiency-name">
                  <xsl:with-param name="id" select="string($ladder-proficiencies[number(@rank) = $high-rank]/@id)"/>
                </xsl:call-template>
              </xsl:variable>
              <xsl:value-of select="rp:msg('guide.skills-high', 'n', rp:num(count($high-skills)),
                                           'level', string($high))"/>
            </xsl:if>
          </cell>
        </row>
        <xsl:call-template name="at-a-glance-extra"/>
        <xsl:if test="string($expectation)">
          <row>
            <xsl:call-template name="src-of">
              <xsl:with-param name="node" select="level"/>
            </xsl:call-template>
            <cell style="cell-label"><xsl:value-of select="rp:msg('guide.at-this-level')"/></cell>
            <cell span="3"><xsl:copy-of select="$expectation"/></cell>
          </row>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- More rows for the facts table, before the level's expectation: four
       columns (label, value, label, value), or a label and a value that
       spans three.  None in the guide; the handbook adds whom the role
       works with.  Context: a <role>. -->
  <xsl:template name="at-a-glance-extra"/>

  <!-- ========================================================= sections -->

  <!-- A section heading; $node gives its src: by default the context, the
       blueprint element the section prints. -->
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

  <xsl:template name="purpose-and-scope">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('guide.purpose-scope')"/>
      <xsl:with-param name="node" select="purpose"/>
    </xsl:call-template>
    <heading level="3" style="h3">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="purpose"/>
      </xsl:call-template>
<xsl:value-of select="rp:msg('guide.why')"/>
    </heading>
    <xsl:apply-templates select="purpose/p" mode="block"/>
    <heading level="3" style="h3">
      <xsl:call-template name="src-of">
        <xsl:with-param name="node" select="scope"/>
      </xsl:call-template>
<xsl:value-of select="rp:msg('guide.covers')"/>
    </heading>
    <xsl:apply-templates select="scope/p" mode="block"/>
  </xsl:template>

  <xsl:template match="responsibilities">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('heading.responsibilities')"/>
    </xsl:call-template>
    <!-- The group gives its src to its heading and (in bullets) its list. -->
    <xsl:for-each select="group">
      <heading level="3" style="h3">
        <xsl:call-template name="src-of"/>
        <xsl:call-template name="group-title"/>
      </heading>
      <xsl:call-template name="bullets">
        <xsl:with-param name="items" select="item"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================== skill matrix -->

  <!-- One row per skill, grouped in bands by category (the common order),
       one column per level of the proficiency scale in rank order.  Dots
       are filled up to and including the expected level and hollow above
       it, so the length of the filled run reads as the expectation. -->
  <xsl:template match="skills">
    <xsl:variable name="skills" select="skill"/>
    <xsl:variable name="levels" select="count($ladder-proficiencies)"/>
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('guide.skill-matrix')"/>
    </xsl:call-template>
    <!-- Not kept whole: a long matrix (sixty skills are two pages) must
         be able to break between skills, under the repeated header row.
         Each category band keeps with the skill row below it, so a band
         never ends a page; the table keeps with its legend. -->
    <table style="table-legend" header-style="cell-head" cell-style="cell"
           keep-with-next="yes">
      <xsl:call-template name="src-of"/>
      <column width="3.1"/>
      <xsl:for-each select="$ladder-proficiencies">
        <column width="1"/>
      </xsl:for-each>
      <thead>
        <row>
          <cell><xsl:value-of select="rp:msg('label.skill')"/></cell>
          <xsl:for-each select="$ladder-proficiencies">
            <xsl:sort select="@rank" data-type="number"/>
            <cell style="cell-head-center"><xsl:value-of select="rp:term(.)"/></cell>
          </xsl:for-each>
        </row>
      </thead>
      <tbody>
        <xsl:call-template name="matrix-band">
          <xsl:with-param name="skills" select="$skills"/>
          <xsl:with-param name="categories" select="normalize-space($category-order)"/>
          <xsl:with-param name="span" select="$levels + 1"/>
        </xsl:call-template>
        <!-- Categories the order does not know (never, for a valid
             blueprint): kept, at the end, without a band. -->
        <xsl:for-each select="$skills[not(contains($category-order, concat(' ', @category, ' ')))]">
          <xsl:call-template name="matrix-row"/>
        </xsl:for-each>
      </tbody>
    </table>
    <para style="legend" keep-with-next="yes">
      <xsl:call-template name="rating-mark">
        <xsl:with-param name="state" select="'on'"/>
      </xsl:call-template>
      <xsl:value-of select="concat(' ', rp:msg('guide.legend.expected'), '&#8195;&#8195;')"/>
      <xsl:call-template name="rating-mark">
        <xsl:with-param name="state" select="'off'"/>
      </xsl:call-template>
      <xsl:value-of select="concat(' ', rp:msg('guide.legend.beyond'))"/>
    </para>
    <xsl:call-template name="scale-key"/>
    <heading level="3" style="h3">
      <xsl:call-template name="src-of"/>
<xsl:value-of select="rp:msg('guide.skills-here')"/>
    </heading>
    <list style="list" item-style="list-item">
      <xsl:call-template name="src-of"/>
      <xsl:for-each select="$skills">
        <xsl:sort data-type="number"
                  select="string-length(substring-before($category-order,
                          concat(' ', @category, ' ')))"/>
        <item>
          <xsl:call-template name="src-of"/>
          <b><xsl:call-template name="content"><xsl:with-param name="text" select="normalize-space(@name)"/></xsl:call-template></b>
          <span style="muted">
            <xsl:text> (</xsl:text>
            <xsl:call-template name="proficiency-name"/>
            <xsl:text>)</xsl:text>
          </span>
          <xsl:if test="normalize-space(.)">
            <xsl:text> — </xsl:text>
            <xsl:apply-templates select="node()" mode="inline"/>
          </xsl:if>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <!-- The bands of the matrix, one per category in $categories (a
       space-separated list), skipped when the role has no skill in it. -->
  <xsl:template name="matrix-band">
    <xsl:param name="skills"/>
    <xsl:param name="categories"/>
    <xsl:param name="span"/>
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
          <cell style="cell-band" span="{$span}">
            <xsl:call-template name="category-label">
              <xsl:with-param name="category" select="$cat"/>
            </xsl:call-template>
          </cell>
        </row>
        <xsl:for-each select="$in">
          <xsl:call-template name="matrix-row"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:call-template name="matrix-band">
        <xsl:with-param name="skills" select="$skills"/>
        <xsl:with-param name="categories" select="substring-after($categories, ' ')"/>
        <xsl:with-param name="span" select="$span"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Context: a <skill>. -->
  <xsl:template name="matrix-row">
    <xsl:variable name="id" select="normalize-space(@proficiency)"/>
    <xsl:variable name="rank" select="number($ladder-proficiencies[@id = $id]/@rank)"/>
    <row>
      <xsl:call-template name="src-of"/>
      <cell style="cell-strong"><xsl:call-template name="content"><xsl:with-param name="text" select="normalize-space(@name)"/></xsl:call-template></cell>
      <xsl:for-each select="$ladder-proficiencies">
        <xsl:sort select="@rank" data-type="number"/>
        <cell style="cell-center">
          <xsl:call-template name="rating-mark">
            <xsl:with-param name="size" select="'7pt'"/>
            <xsl:with-param name="state">
              <xsl:choose>
                <xsl:when test="number(@rank) &lt;= $rank">on</xsl:when>
                <xsl:otherwise>off</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="alt">
              <xsl:if test="@id = $id">
                <xsl:value-of select="rp:msg('guide.mark-alt', 'level', rp:term(.))"/>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </cell>
      </xsl:for-each>
    </row>
  </xsl:template>

  <!-- The scale itself, in the ladder's words: one compact line. -->
  <xsl:template name="scale-key">
    <xsl:if test="$ladder-proficiencies[normalize-space(.)]">
      <para style="legend">
        <xsl:for-each select="$ladder-proficiencies">
          <xsl:sort select="@rank" data-type="number"/>
          <xsl:if test="position() &gt; 1"><xsl:text>  ·  </xsl:text></xsl:if>
          <b><xsl:value-of select="rp:term(.)"/></b>
          <xsl:if test="normalize-space(.)">
            <xsl:text>: </xsl:text>
            <xsl:call-template name="content"></xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </para>
    </xsl:if>
  </xsl:template>

  <!-- ============================================= KPIs, qualifications -->

  <xsl:template match="kpis">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('guide.kpis')"/>
    </xsl:call-template>
    <xsl:call-template name="kpi-table"/>
  </xsl:template>

  <xsl:template match="qualifications">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('heading.qualifications')"/>
    </xsl:call-template>
    <xsl:call-template name="qualification-list"/>
  </xsl:template>

  <!-- ====================================================== career path -->

  <!-- Three small tables (up, sideways, in), each headed by the kind of
       move, so that a page may break between them but never leaves a
       kind's heading alone at a page foot.  Each neighbouring role is
       shown with its level, and with its family when that differs from
       this role's, since a change of track is part of the decision. -->
  <xsl:template match="career-path">
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('heading.career-path')"/>
    </xsl:call-template>
    <xsl:call-template name="path-diagram"/>
    <xsl:call-template name="path-table">
      <xsl:with-param name="moves" select="move[@kind = 'promotion']"/>
    </xsl:call-template>
    <xsl:call-template name="path-table">
      <xsl:with-param name="moves" select="move[@kind = 'lateral']"/>
    </xsl:call-template>
    <xsl:call-template name="path-table">
      <xsl:with-param name="moves" select="move[@kind = 'feeder']"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The role's neighbourhood as a small ladder diagram (layout
       <diagram>, drawn by the typesetter like the handbook's ladder and
       family diagrams, in the same node and label styles): this role
       highlighted, the roles of the set it is promoted to, moves across
       to and is entered from.  Tiers are the ladder levels of the roles
       shown, highest on top; lanes their families, in ladder order.
       Edges: this role to each promotion target (promotion) and lateral
       move (lateral); each feeder to this role, a promotion when the
       feeder sits lower on the ladder, else lateral (as in the
       handbook).  Only moves with role="id" whose blueprint is known and
       whose level is on the ladder; without one there is no diagram.
       Nodes link through the hook path-node-href (none here: a
       standalone guide holds no other role).  Context: <career-path>. -->
  <xsl:template name="path-diagram">
    <xsl:variable name="me" select=".."/>
    <xsl:variable name="my-id" select="string($me/@id)"/>
    <xsl:variable name="my-level" select="normalize-space($me/level)"/>
    <xsl:variable name="my-rank" select="number($ladder-levels[@id = $my-level]/@rank)"/>
    <!-- Every candidate as <n id title level family rank kind/>, this
         role first. -->
    <xsl:variable name="cand-rtf">
      <n id="{$my-id}" title="{normalize-space($me/title)}" level="{$my-level}"
         family="{normalize-space($me/family)}" rank="{$my-rank}" kind="self"/>
      <xsl:for-each select="move[@kind = 'promotion' or @kind = 'lateral' or @kind = 'feeder'][@role]">
        <xsl:variable name="rid" select="normalize-space(@role)"/>
        <xsl:variable name="r" select="rp:role($rid)[1]"/>
        <xsl:variable name="level" select="normalize-space($r/level)"/>
        <xsl:if test="$r and $rid != $my-id and $ladder-levels[@id = $level]">
          <n id="{$rid}" title="{normalize-space($r/title)}" level="{$level}"
             family="{normalize-space($r/family)}"
             rank="{$ladder-levels[@id = $level]/@rank}" kind="{@kind}"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="cand" select="exsl:node-set($cand-rtf)/n"/>
    <!-- Each role once (a role may be named by two moves). -->
    <xsl:variable name="nodes" select="$cand[not(@id = preceding-sibling::n/@id)]"/>
    <xsl:if test="string($my-rank) != 'NaN' and count($nodes) &gt; 1">
      <xsl:variable name="edges-rtf">
        <xsl:for-each select="$cand[@kind != 'self']">
          <xsl:choose>
            <xsl:when test="@kind = 'feeder'">
              <e from="{@id}" to="{$my-id}">
                <xsl:attribute name="kind">
                  <xsl:choose>
                    <xsl:when test="number(@rank) &lt; $my-rank">promotion</xsl:when>
                    <xsl:otherwise>lateral</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </e>
            </xsl:when>
            <xsl:otherwise>
              <e from="{$my-id}" to="{@id}" kind="{@kind}"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="edges" select="exsl:node-set($edges-rtf)/e"/>
      <xsl:variable name="families" select="$ladder-el/families/family"/>
      <xsl:variable name="tiers" select="$ladder-levels[@id = $nodes/@level]"/>
      <!-- The typesetter draws a lateral move as a dashed curve that dips
           below its boxes (up to about 14pt): under the lowest tier that
           is below the diagram's box, so the legend keeps its distance. -->
      <xsl:variable name="low-rank"
          select="$nodes[not(number(@rank) &gt; $nodes/@rank)][1]/@rank"/>
      <xsl:variable name="low-ids" select="$nodes[number(@rank) = number($low-rank)]/@id"/>
      <group style="diagram-path-group" keep-together="yes">
        <xsl:call-template name="src-of"/>
        <xsl:call-template name="diagram-with-alt">
          <xsl:with-param name="diagram">
            <diagram node-style="diagram-node" label-style="diagram-label">
              <xsl:attribute name="style">
                <xsl:choose>
                  <xsl:when test="$edges[@kind = 'lateral'][@from = $low-ids or @to = $low-ids]">diagram-path-dip</xsl:when>
                  <xsl:otherwise>diagram-path</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <!-- The typesetter spreads the tiers over max-height (up to a
                   generous gap): a lower limit for one or two tiers keeps two
                   levels from standing far apart; 55mm from three. -->
              <xsl:attribute name="max-height">
                <xsl:choose>
                  <xsl:when test="count($tiers) &lt;= 1">30mm</xsl:when>
                  <xsl:when test="count($tiers) = 2">38mm</xsl:when>
                  <xsl:otherwise>55mm</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:call-template name="src-of"/>
              <xsl:for-each select="$tiers">
                <xsl:sort select="@rank" data-type="number" order="descending"/>
                <tier id="{@id}" label="{rp:term(.)}"/>
              </xsl:for-each>
              <xsl:for-each select="$families[@id = $nodes/@family]">
                <lane id="{@id}" label="{rp:term(.)}"/>
              </xsl:for-each>
              <!-- Families the ladder does not know (never, for a valid set). -->
              <xsl:for-each select="$nodes[not(@family = $families/@id)]
                                    [not(@family = preceding-sibling::n/@family)]">
                <lane id="{@family}" label="{@family}"/>
              </xsl:for-each>
              <xsl:for-each select="$nodes">
                <node id="{@id}" tier="{@level}" lane="{@family}">
                  <xsl:call-template name="path-node-href">
                    <xsl:with-param name="id" select="string(@id)"/>
                  </xsl:call-template>
                  <xsl:if test="@kind = 'self'">
                    <xsl:attribute name="emphasis">yes</xsl:attribute>
                  </xsl:if>
                  <xsl:value-of select="@title"/>
                </node>
              </xsl:for-each>
              <!-- Each edge once: a lateral move listed both ways is one. -->
              <xsl:for-each select="$edges">
                <xsl:variable name="from" select="string(@from)"/>
                <xsl:variable name="to" select="string(@to)"/>
                <xsl:if test="not(preceding-sibling::e[@from = $from and @to = $to]) and
                              not(@kind = 'lateral' and
                                  preceding-sibling::e[@kind = 'lateral' and @from = $to and @to = $from])">
                  <edge from="{$from}" to="{$to}" kind="{@kind}"/>
                </xsl:if>
              </xsl:for-each>
            </diagram>
          </xsl:with-param>
        </xsl:call-template>
        <para style="legend">
<xsl:value-of select="rp:msg('guide.path-legend')"/>
        </para>
      </group>
    </xsl:if>
  </xsl:template>

  <!-- Hook: the href attribute of a role's box in the career-path
       diagram, or nothing.  A standalone guide contains no other role
       (and a link to a missing id is a warning), so none here; the
       handbook links each box to the role's guide.  $id: a role id. -->
  <xsl:template name="path-node-href">
    <xsl:param name="id"/>
  </xsl:template>

  <xsl:template name="path-table">
    <xsl:param name="moves"/>
    <xsl:if test="$moves">
      <table style="table-path" header-style="cell-head" cell-style="cell">
        <!-- The first move of the kind: the table is its kind's. -->
        <xsl:call-template name="src-of">
          <xsl:with-param name="node" select="$moves"/>
        </xsl:call-template>
        <!-- Kept whole when short (as usual: a few moves); a long list of
             moves breaks between rows under its repeated header. -->
        <xsl:if test="count($moves) &lt;= 8">
          <xsl:attribute name="keep-together">yes</xsl:attribute>
        </xsl:if>
        <column width="1.75"/>
        <column width="1.25"/>
        <column width="3.9"/>
        <thead>
          <row>
            <cell>
              <xsl:call-template name="move-kind-label">
                <xsl:with-param name="kind" select="$moves[1]/@kind"/>
              </xsl:call-template>
            </cell>
            <cell><xsl:value-of select="rp:msg('label.level')"/></cell>
            <cell><xsl:value-of select="rp:msg('guide.about-move')"/></cell>
          </row>
        </thead>
        <tbody>
          <xsl:for-each select="$moves">
            <!-- Only a role="id" move names a role of the set. -->
            <xsl:call-template name="path-row">
              <xsl:with-param name="target"
                  select="rp:role(normalize-space(current()/@role))"/>
            </xsl:call-template>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- One move.  $target: the neighbouring <role> when it is in the set. -->
  <xsl:template name="path-row">
    <xsl:param name="target" select="/.."/>
    <row>
      <xsl:call-template name="src-of"/>
      <cell style="cell-strong">
        <xsl:call-template name="move-ref">
          <xsl:with-param name="page-style" select="'note'"/>
        </xsl:call-template>
      </cell>
      <xsl:choose>
        <xsl:when test="$target">
          <cell>
            <xsl:call-template name="level-name">
              <xsl:with-param name="id" select="normalize-space($target/level)"/>
            </xsl:call-template>
            <xsl:if test="normalize-space($target/family) != normalize-space(ancestor::role/family)">
              <br/>
              <span style="note">
                <xsl:call-template name="family-name">
                  <xsl:with-param name="id" select="normalize-space($target/family)"/>
                </xsl:call-template>
              </span>
            </xsl:if>
          </cell>
        </xsl:when>
        <xsl:when test="@role">
          <cell style="cell-muted"><xsl:value-of select="rp:msg('guide.not-in-set')"/></cell>
        </xsl:when>
        <xsl:otherwise>
          <cell style="cell-muted"><xsl:value-of select="rp:msg('guide.outside-ladder')"/></cell>
        </xsl:otherwise>
      </xsl:choose>
      <cell><xsl:apply-templates select="node()" mode="inline"/></cell>
    </row>
  </xsl:template>

  <!-- ============================================ what changes next level -->

  <!-- For every promotion to a role in the set: the target's level
       expectation and responsibility areas, then the skill differences by
       skill name.  Without such a promotion, where the path leads. -->
  <xsl:template name="next-level">
    <xsl:variable name="role" select="."/>
    <xsl:variable name="ups" select="career-path/move[@kind = 'promotion']"/>
    <xsl:variable name="in-set"
        select="$ups[rp:role(normalize-space(@role))]"/>
    <xsl:call-template name="h2">
      <xsl:with-param name="text" select="rp:msg('guide.next-level')"/>
      <xsl:with-param name="node" select="career-path"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$in-set">
        <para style="body">
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="$in-set"/>
          </xsl:call-template>
          <xsl:call-template name="msg-nodes">
            <xsl:with-param name="key">
              <xsl:choose>
                <xsl:when test="count($in-set) = 1">next.one</xsl:when>
                <xsl:otherwise>next.many</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="args">
              <arg name="n"><xsl:value-of select="rp:num(count($in-set))"/></arg>
              <arg name="roles">
                <xsl:for-each select="$in-set">
                  <xsl:call-template name="list-sep"/>
                  <xsl:call-template name="move-ref">
                    <xsl:with-param name="bold" select="true()"/>
                  </xsl:call-template>
                </xsl:for-each>
              </arg>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:value-of select="concat(' ', rp:msg('next.matching'))"/>
        </para>
        <xsl:for-each select="$in-set">
          <xsl:call-template name="next-role">
            <xsl:with-param name="here" select="$role"/>
            <xsl:with-param name="there" select="rp:role(normalize-space(current()/@role))"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:if test="$ups[not(count(. | $in-set) = count($in-set))]">
          <para style="body">
            <xsl:call-template name="src-of">
              <xsl:with-param name="node" select="$ups[not(count(. | $in-set) = count($in-set))]"/>
            </xsl:call-template>
            <xsl:call-template name="msg-nodes">
              <xsl:with-param name="key" select="'next.beyond'"/>
              <xsl:with-param name="args">
                <arg name="roles">
                  <xsl:call-template name="title-list">
                    <xsl:with-param name="moves" select="$ups[not(count(. | $in-set) = count($in-set))]"/>
                  </xsl:call-template>
                </arg>
              </xsl:with-param>
            </xsl:call-template>
          </para>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$ups">
        <para style="body">
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="$ups"/>
          </xsl:call-template>
          <xsl:call-template name="msg-nodes">
            <xsl:with-param name="key" select="'next.none-in-set'"/>
            <xsl:with-param name="args">
              <arg name="roles">
                <xsl:call-template name="title-list">
                  <xsl:with-param name="moves" select="$ups"/>
                </xsl:call-template>
              </arg>
            </xsl:with-param>
          </xsl:call-template>
        </para>
        <!-- What the move involves is in the career path table just
             above; the ladder still says what its next level expects. -->
        <xsl:call-template name="next-ladder-level"/>
      </xsl:when>
      <xsl:otherwise>
        <para style="body">
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="career-path"/>
          </xsl:call-template>
          <xsl:value-of select="rp:msg('next.no-promotion')"/>
          <xsl:if test="career-path/move[@kind = 'lateral']">
            <xsl:text> </xsl:text>
            <xsl:call-template name="msg-nodes">
              <xsl:with-param name="key" select="'next.sideways'"/>
              <xsl:with-param name="args">
                <arg name="roles">
                  <xsl:call-template name="title-list">
                    <xsl:with-param name="moves" select="career-path/move[@kind = 'lateral']"/>
                  </xsl:call-template>
                </arg>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:if>
        </para>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Without a promotion inside the set, the ladder itself still says
       what the next level up expects: printed when there is one. -->
  <xsl:template name="next-ladder-level">
    <xsl:variable name="rank">
      <xsl:call-template name="level-rank"/>
    </xsl:variable>
    <xsl:variable name="next"
        select="$ladder-levels[number(@rank) &gt; number($rank)]
                [not(number(@rank) &gt; $ladder-levels[number(@rank) &gt; number($rank)]/@rank)][1]"/>
    <xsl:if test="string($rank) and not($next)">
      <para style="body">
        <xsl:call-template name="src-of">
          <xsl:with-param name="node" select="level"/>
        </xsl:call-template>
        <xsl:variable name="level">
          <xsl:call-template name="level-name"/>
        </xsl:variable>
        <xsl:value-of select="rp:msg('next.highest', 'level', string($level))"/>
      </para>
    </xsl:if>
    <xsl:if test="string($rank) and $next and normalize-space($next)">
      <table style="callout-table" cell-style="callout" keep-together="yes">
        <xsl:call-template name="src-of">
          <xsl:with-param name="node" select="level"/>
        </xsl:call-template>
        <column width="1"/>
        <column width="4.9"/>
        <tbody>
          <row>
            <cell style="callout-label"><xsl:value-of select="rp:msg('next.at-level', 'level', rp:term($next))"/></cell>
            <cell>
              <xsl:call-template name="content"><xsl:with-param name="from" select="$next"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <span style="callout-new"><xsl:value-of select="rp:msg('next.next-ladder-level')"/></span>
            </cell>
          </row>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- "A, B and C" in bold, each marked "(outside this ladder)" when it
       is a role outside the ladder (title="...") and "(not in this set)"
       when its blueprint cannot be read. -->
  <xsl:template name="title-list">
    <xsl:param name="moves"/>
    <xsl:for-each select="$moves">
      <xsl:call-template name="list-sep"/>
      <xsl:call-template name="move-ref">
        <xsl:with-param name="bold" select="true()"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="not(@role)"><xsl:value-of select="concat(' ', rp:msg('title.outside-ladder'))"/></xsl:when>
        <xsl:when test="not(rp:role(normalize-space(@role)))">
          <xsl:value-of select="concat(' ', rp:msg('title.not-in-set'))"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- One promotion target.  $here and $there are <role> elements; the
       context is the promotion <move>, whose src the blocks take (a skill
       row takes this role's skill, else the target's). -->
  <xsl:template name="next-role">
    <xsl:param name="here"/>
    <xsl:param name="there"/>
    <xsl:variable name="there-title" select="normalize-space($there/title)"/>
    <xsl:variable name="level-id" select="normalize-space($there/level)"/>
    <xsl:variable name="level">
      <xsl:call-template name="level-name">
        <xsl:with-param name="id" select="$level-id"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="expectation">
      <xsl:call-template name="level-description">
        <xsl:with-param name="id" select="$level-id"/>
      </xsl:call-template>
    </xsl:variable>

    <!-- The comparison, as a node-set of <d> rows: kind new / up / down /
         same for the target's skills, gone for this role's skills the
         target does not list.  Ranks are numbers from the ladder. -->
    <xsl:variable name="diff-rtf">
      <xsl:for-each select="$there/skills/skill">
        <xsl:variable name="name" select="normalize-space(@name)"/>
        <xsl:variable name="mine" select="$here/skills/skill[normalize-space(@name) = $name][1]"/>
        <xsl:variable name="to-id" select="normalize-space(@proficiency)"/>
        <xsl:variable name="from-id" select="normalize-space($mine/@proficiency)"/>
        <xsl:variable name="to" select="number($ladder-proficiencies[@id = $to-id]/@rank)"/>
        <xsl:variable name="from" select="number($ladder-proficiencies[@id = $from-id]/@rank)"/>
        <d name="{$name}" category="{@category}" from-id="{$from-id}" to-id="{$to-id}">
          <xsl:call-template name="src-of">
            <xsl:with-param name="node" select="$mine | self::*[not($mine)]"/>
          </xsl:call-template>
          <xsl:attribute name="kind">
            <xsl:choose>
              <xsl:when test="not($mine)">new</xsl:when>
              <xsl:when test="$to &gt; $from">up</xsl:when>
              <xsl:when test="$to &lt; $from">down</xsl:when>
              <xsl:when test="$to = $from or $to-id = $from-id">same</xsl:when>
              <xsl:otherwise>changed</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:attribute name="from"><xsl:if test="$mine and $from = $from"><xsl:value-of select="$from"/></xsl:if></xsl:attribute>
          <xsl:attribute name="to"><xsl:if test="$to = $to"><xsl:value-of select="$to"/></xsl:if></xsl:attribute>
        </d>
      </xsl:for-each>
      <xsl:for-each select="$here/skills/skill">
        <xsl:variable name="name" select="normalize-space(@name)"/>
        <xsl:if test="not($there/skills/skill[normalize-space(@name) = $name])">
          <xsl:variable name="from-id" select="normalize-space(@proficiency)"/>
          <d kind="gone" name="{$name}" category="{@category}" from-id="{$from-id}"
             from="{$ladder-proficiencies[@id = $from-id]/@rank}">
            <xsl:call-template name="src-of"/>
          </d>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="diff" select="exsl:node-set($diff-rtf)/d"/>
    <xsl:variable name="n-up" select="count($diff[@kind = 'up'])"/>
    <xsl:variable name="n-new" select="count($diff[@kind = 'new'])"/>
    <xsl:variable name="n-same" select="count($diff[@kind = 'same'])"/>
    <xsl:variable name="n-down" select="count($diff[@kind = 'down'])"/>
    <xsl:variable name="n-changed" select="count($diff[@kind = 'changed'])"/>
    <xsl:variable name="n-gone" select="count($diff[@kind = 'gone'])"/>

    <heading level="3" style="h3">
      <xsl:call-template name="src-of"/>
      <xsl:call-template name="role-ref">
        <xsl:with-param name="id" select="string($there/@id)"/>
        <xsl:with-param name="title" select="$there-title"/>
        <xsl:with-param name="page" select="false()"/>
      </xsl:call-template>
      <xsl:if test="string($level)">
        <span style="h3-level"><xsl:value-of select="concat(' · ', $level)"/></span>
      </xsl:if>
    </heading>

    <!-- Level expectation and responsibility areas in one tinted box. -->
    <table style="callout-table" cell-style="callout" keep-together="yes">
      <xsl:call-template name="src-of"/>
      <column width="1"/>
      <column width="4.9"/>
      <tbody>
        <xsl:if test="string($expectation)">
          <row>
            <cell style="callout-label"><xsl:value-of select="rp:msg('next.at-level', 'level', string($level))"/></cell>
            <cell><xsl:copy-of select="$expectation"/></cell>
          </row>
        </xsl:if>
        <row>
          <cell style="callout-label"><xsl:value-of select="rp:msg('heading.responsibilities')"/></cell>
          <cell>
            <xsl:for-each select="$there/responsibilities/group">
              <xsl:variable name="kind" select="@kind"/>
              <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
              <xsl:call-template name="group-title"/>
              <xsl:if test="not($here/responsibilities/group[@kind = $kind])">
                <xsl:text> </xsl:text>
                <span style="callout-new"><xsl:value-of select="rp:msg('next.new-area')"/></span>
              </xsl:if>
            </xsl:for-each>
          </cell>
        </row>
        <row>
          <cell style="callout-label"><xsl:value-of select="rp:msg('label.skills')"/></cell>
          <cell>
            <xsl:call-template name="diff-summary">
              <xsl:with-param name="up" select="$n-up"/>
              <xsl:with-param name="new" select="$n-new"/>
              <xsl:with-param name="same" select="$n-same"/>
              <xsl:with-param name="down" select="$n-down"/>
              <xsl:with-param name="changed" select="$n-changed"/>
              <xsl:with-param name="gone" select="$n-gone"/>
            </xsl:call-template>
          </cell>
        </row>
      </tbody>
    </table>

    <!-- The comparison breaks between skills when it must (header row
         repeated); its bands keep with their first row, the table with
         its legend. -->
    <xsl:if test="$n-up + $n-new + $n-down + $n-changed &gt; 0">
      <table style="table-legend" header-style="cell-head" cell-style="cell"
             keep-with-next="yes">
        <xsl:call-template name="src-of"/>
        <column width="2.7"/>
        <column width="2.5"/>
        <column width="1.7"/>
        <thead>
          <row>
            <cell><xsl:value-of select="rp:msg('label.skill')"/></cell>
            <cell><xsl:value-of select="rp:msg('next.this-to', 'role', $there-title)"/></cell>
            <cell style="cell-head-center"><xsl:value-of select="rp:msg('next.scale')"/></cell>
          </row>
        </thead>
        <tbody>
          <xsl:call-template name="diff-band">
            <xsl:with-param name="rows" select="$diff[@kind = 'up']"/>
            <xsl:with-param name="label" select="rp:msg('next.band.up')"/>
          </xsl:call-template>
          <xsl:call-template name="diff-band">
            <xsl:with-param name="rows" select="$diff[@kind = 'new']"/>
            <xsl:with-param name="label" select="rp:msg('next.band.new')"/>
          </xsl:call-template>
          <xsl:call-template name="diff-band">
            <xsl:with-param name="rows" select="$diff[@kind = 'down']"/>
            <xsl:with-param name="label" select="rp:msg('next.band.down')"/>
          </xsl:call-template>
          <!-- Proficiencies the ladder does not rank (never, for a set
               that passes rolepress validate): listed, not compared. -->
          <xsl:call-template name="diff-band">
            <xsl:with-param name="rows" select="$diff[@kind = 'changed']"/>
            <xsl:with-param name="label" select="rp:msg('next.band.changed')"/>
          </xsl:call-template>
        </tbody>
      </table>
      <para style="legend">
        <xsl:call-template name="rating-mark">
          <xsl:with-param name="state" select="'on'"/>
        </xsl:call-template>
        <xsl:value-of select="concat(' ', rp:msg('next.legend.have'), '&#8195;&#8195;')"/>
        <xsl:call-template name="rating-mark">
          <xsl:with-param name="state" select="'grow'"/>
        </xsl:call-template>
        <xsl:value-of select="concat(' ', rp:msg('next.legend.grow', 'role', $there-title), '&#8195;&#8195;')"/>
        <xsl:call-template name="rating-mark">
          <xsl:with-param name="state" select="'off'"/>
        </xsl:call-template>
        <xsl:value-of select="concat(' ', rp:msg('next.legend.beyond'))"/>
      </para>
    </xsl:if>

    <xsl:if test="$n-same &gt; 0">
      <para style="body-tight">
        <xsl:call-template name="src-of"/>
        <b><xsl:value-of select="concat(rp:msg('next.unchanged', 'n', rp:num($n-same)), ' ')"/></b>
        <xsl:call-template name="diff-names">
          <xsl:with-param name="rows" select="$diff[@kind = 'same']"/>
          <xsl:with-param name="rank-attr" select="'to-id'"/>
        </xsl:call-template>
        <xsl:text>.</xsl:text>
      </para>
    </xsl:if>
    <xsl:if test="$n-gone &gt; 0">
      <para style="body-tight">
        <xsl:call-template name="src-of"/>
        <b><xsl:value-of select="concat(rp:msg('next.gone', 'n', rp:num($n-gone)), ' ')"/></b>
        <xsl:call-template name="diff-names">
          <xsl:with-param name="rows" select="$diff[@kind = 'gone']"/>
          <xsl:with-param name="rank-attr" select="'from-id'"/>
        </xsl:call-template>
        <xsl:text>. </xsl:text>
        <span style="muted"><xsl:value-of select="rp:msg('next.gone-note')"/></span>
      </para>
    </xsl:if>
  </xsl:template>

  <!-- "7 expected at a higher level, 2 new, 3 unchanged and 2 no longer
       listed." -->
  <xsl:template name="diff-summary">
    <xsl:param name="up"/>
    <xsl:param name="new"/>
    <xsl:param name="same"/>
    <xsl:param name="down"/>
    <xsl:param name="changed" select="0"/>
    <xsl:param name="gone"/>
    <xsl:variable name="parts">
      <xsl:if test="$up &gt; 0"><p><xsl:value-of select="rp:msg('diff.up', 'n', rp:num($up))"/></p></xsl:if>
      <xsl:if test="$new &gt; 0"><p><xsl:value-of select="rp:msg('diff.new', 'n', rp:num($new))"/></p></xsl:if>
      <xsl:if test="$same &gt; 0"><p><xsl:value-of select="rp:msg('diff.same', 'n', rp:num($same))"/></p></xsl:if>
      <xsl:if test="$down &gt; 0"><p><xsl:value-of select="rp:msg('diff.down', 'n', rp:num($down))"/></p></xsl:if>
      <xsl:if test="$changed &gt; 0"><p><xsl:value-of select="rp:msg('diff.changed', 'n', rp:num($changed))"/></p></xsl:if>
      <xsl:if test="$gone &gt; 0"><p><xsl:value-of select="rp:msg('diff.gone', 'n', rp:num($gone))"/></p></xsl:if>
    </xsl:variable>
    <xsl:for-each select="exsl:node-set($parts)/p">
      <xsl:call-template name="list-sep"/>
      <xsl:value-of select="."/>
    </xsl:for-each>
    <xsl:value-of select="rp:msg('punct.stop')"/>
  </xsl:template>

  <!-- A band of the comparison table: rows sorted by category, then by
       the target proficiency, highest first. -->
  <xsl:template name="diff-band">
    <xsl:param name="rows"/>
    <xsl:param name="label"/>
    <xsl:if test="$rows">
      <row keep-with-next="yes">
        <cell style="cell-band" span="3">
          <xsl:value-of select="concat($label, ' (', rp:num(count($rows)), ')')"/>
        </cell>
      </row>
      <xsl:for-each select="$rows">
        <xsl:sort data-type="number"
                  select="string-length(substring-before($category-order,
                          concat(' ', @category, ' ')))"/>
        <row>
          <!-- The <d>'s src: the skill the row compares. -->
          <xsl:call-template name="src-of"/>
          <cell style="cell-strong"><xsl:value-of select="@name"/></cell>
          <cell>
            <xsl:choose>
              <xsl:when test="@kind = 'new'">
                <span style="cell-muted"><xsl:value-of select="rp:msg('next.not-listed')"/></span>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="proficiency-name">
                  <xsl:with-param name="id" select="string(@from-id)"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text> → </xsl:text>
            <b>
              <xsl:call-template name="proficiency-name">
                <xsl:with-param name="id" select="string(@to-id)"/>
              </xsl:call-template>
            </b>
          </cell>
          <cell style="cell-center">
            <xsl:call-template name="rating-marks">
              <xsl:with-param name="have">
                <xsl:choose>
                  <xsl:when test="@kind = 'down'"><xsl:value-of select="number(@to)"/></xsl:when>
                  <xsl:when test="string(@from)"><xsl:value-of select="number(@from)"/></xsl:when>
                  <xsl:otherwise>0</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="need">
                <xsl:choose>
                  <xsl:when test="string(@to)"><xsl:value-of select="number(@to)"/></xsl:when>
                  <xsl:otherwise>0</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </cell>
        </row>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- "Infrastructure as code (Advanced), Networking (Practitioner)". -->
  <xsl:template name="diff-names">
    <xsl:param name="rows"/>
    <xsl:param name="rank-attr"/>
    <xsl:for-each select="$rows">
      <xsl:sort data-type="number"
                select="string-length(substring-before($category-order,
                        concat(' ', @category, ' ')))"/>
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:value-of select="@name"/>
      <xsl:text> (</xsl:text>
      <xsl:call-template name="proficiency-name">
        <xsl:with-param name="id" select="string(@*[name() = $rank-attr])"/>
      </xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
