<?xml version="1.0" encoding="UTF-8"?>
<!-- A custom stylesheet: an A5 "role card" with the title, the summary,
     the first responsibilities and the KPIs.  It uses only the layout
     vocabulary (docs/layout.md), so it works with any rolepress install.
     See examples/README.md for the command line. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="accent" select="'#1f5f4a'"/>

  <xsl:template match="/role">
    <document>
      <xsl:copy-of select="@xml:lang"/>
      <meta>
        <title><xsl:value-of select="normalize-space(title)"/> — role card</title>
        <author><xsl:value-of select="normalize-space(meta/owner)"/></author>
      </meta>
      <page-template name="card" size="A5" margin-top="16mm" margin-bottom="16mm"
                     margin-left="14mm" margin-right="14mm">
        <footer style="small"><right><page-number/> / <page-count/></right></footer>
      </page-template>
      <style name="text" font-family="Noto Serif" font-size="9.5pt" line-height="1.35"
             text-align="justify" space-after="4pt"/>
      <style name="title" font-family="Noto Sans" font-weight="bold" font-size="18pt"
             color="{$accent}" space-after="6pt" rule-below="1pt" border-color="{$accent}"/>
      <style name="h" font-family="Noto Sans" font-weight="bold" font-size="10pt"
             color="{$accent}" space-before="8pt" space-after="3pt" keep-with-next="yes"/>
      <style name="small" font-family="Noto Sans" font-size="7pt" color="#666666"/>
      <section title="{normalize-space(title)}" bookmark="{normalize-space(title)}">
        <heading level="1" style="title"><xsl:value-of select="normalize-space(title)"/></heading>
        <para style="text"><xsl:value-of select="normalize-space(summary)"/></para>
        <heading level="2" style="h">What you will do</heading>
        <list style="text">
          <xsl:for-each select="responsibilities/group/item[position() &lt;= 2]">
            <item><xsl:value-of select="normalize-space(.)"/></item>
          </xsl:for-each>
        </list>
        <heading level="2" style="h">How success is measured</heading>
        <list style="text" marker="dash">
          <xsl:for-each select="kpis/kpi">
            <item><b><xsl:value-of select="@name"/></b>: <xsl:value-of select="normalize-space(target)"/></item>
          </xsl:for-each>
        </list>
      </section>
    </document>
  </xsl:template>
</xsl:stylesheet>
