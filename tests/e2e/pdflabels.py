# pdflabels.py - every page's label from the page-label ranges that
# `qpdf --json` lists (its "pagelabels"); shared by the e2e readers.


def roman(n):
    out = ''
    for v, s in ((1000, 'm'), (900, 'cm'), (500, 'd'), (400, 'cd'), (100, 'c'), (90, 'xc'),
                 (50, 'l'), (40, 'xl'), (10, 'x'), (9, 'ix'), (5, 'v'), (4, 'iv'), (1, 'i')):
        while n >= v:
            out += s
            n -= v
    return out


def alpha(n):
    return chr(ord('a') + (n - 1) % 26) * ((n - 1) // 26 + 1)


def page_labels(pagelabels, npages, text):
    """Each page's label, None before the first range; text(prefix) reads
    a range's /P as qpdf writes strings."""
    ranges = sorted((r['index'], r['label']) for r in pagelabels)
    labels = []
    for i in range(npages):
        rng = [r for r in ranges if r[0] <= i]
        if not rng:
            labels.append(None)
            continue
        start, d = rng[-1]
        n = int(d.get('/St', 1)) + i - start
        num = {'/D': str(n), '/r': roman(n), '/R': roman(n).upper(), '/a': alpha(n),
               '/A': alpha(n).upper()}.get(d.get('/S'), '')
        labels.append(text(d.get('/P', '')) + num)
    return labels
