#!/usr/bin/env python3
"""Opens pages in headless Chromium as a 390 × 844 phone and checks what a member sees first.

Usage: check_phone.py [--statements N] [--axe] OUTPUT [REPORT.html ...]

- Every page (the public pages of each language, up to N statements per language, each report
  given) fits the phone's width: the page never scrolls sideways (a wide table scrolls inside its
  own box).
- On an open account's statement the balance box ends, and the summary of the next points to
  expire, the tier and the next reward ends, within the first screen (844 px); the typical (median)
  statement of each language is at most five screens tall, the fullest five and a half; the chart's
  text is drawn at 12 px or more.
- On the reports, chart text is drawn at 11 px or more.
- With --axe, axe-core (PyPI's axe-playwright-python) finds no WCAG 2.2 A/AA violation on one
  statement per language, the public home pages and the reports.
Prints the figures it measured; exits non-zero on the first page that fails.
"""
import collections, glob, os, re, sys
from playwright.sync_api import sync_playwright

WIDTH, HEIGHT, SCREENS = 390, 844, 5

MEASURE = """() => {
  const box = (selector) => { const e = document.querySelector(selector); return e ? e.getBoundingClientRect().bottom + window.scrollY : null; };
  let chartText = null;
  for (const t of document.querySelectorAll('svg text')) {
    if (t.getClientRects().length === 0) continue;
    const svg = t.ownerSVGElement, view = svg.viewBox.baseVal;
    const scale = view && view.width ? svg.getBoundingClientRect().width / view.width : 1;
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    chartText = chartText === null ? size : Math.min(chartText, size);
  }
  return {scrollWidth: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
          balance: box('.balance'), glance: box('.glance'), closed: !!document.querySelector('.notice.closed'),
          dir: document.documentElement.dir, chartText: chartText};
}"""


def main():
    args = sys.argv[1:]
    per_language, axe = 40, False
    if "--statements" in args:
        i = args.index("--statements"); per_language = int(args[i + 1]); del args[i:i + 2]
    if "--axe" in args:
        args.remove("--axe"); axe = True
    output, reports = args[0], args[1:]
    statements = collections.defaultdict(list)
    for page in sorted(glob.glob(os.path.join(output, "m", "*", "index.html"))):
        lang = re.search(r'<html lang="([^"]+)"', open(page, encoding="utf-8").read(2000)).group(1)
        statements[lang].append(page)
    public = [p for p in glob.glob(os.path.join(output, "**", "*.html"), recursive=True)
              if os.sep + "m" + os.sep not in p[len(output):]]
    failures, figures = [], collections.defaultdict(list)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})

        def visit(path):
            page.goto("file://" + os.path.abspath(path))
            return page.evaluate(MEASURE)

        for lang, pages in sorted(statements.items()):
            for path in pages[:per_language]:
                m = visit(path)
                name = f"{path} ({lang})"
                if m["scrollWidth"] > WIDTH:
                    failures.append(f"{name}: scrolls sideways ({m['scrollWidth']} px wide)")
                if not m["closed"]:
                    figures[lang + " balance ends"].append(m["balance"])
                    figures[lang + " first screen ends"].append(m["glance"])
                    if m["balance"] is None or m["balance"] > HEIGHT:
                        failures.append(f"{name}: the balance box ends at {m['balance']} px, below the first screen")
                    if m["glance"] is None or m["glance"] > HEIGHT:
                        failures.append(f"{name}: expiry, tier and next reward end at {m['glance']} px, below the first screen")
                figures[lang + " height"].append(m["height"])
                if m["height"] > (SCREENS + 0.5) * HEIGHT:
                    failures.append(f"{name}: {m['height']} px tall, more than {SCREENS + 0.5} screens")
                if m["chartText"] is not None and m["chartText"] < 12:
                    failures.append(f"{name}: chart text drawn at {m['chartText']:.1f} px")
        for lang in statements:
            heights = sorted(figures[lang + " height"])
            if heights and heights[len(heights) // 2] > SCREENS * HEIGHT:
                failures.append(f"the typical {lang} statement is {heights[len(heights) // 2]} px tall, more than {SCREENS} screens")
        for path in sorted(public):
            m = visit(path)
            figures["public pages width"].append(m["scrollWidth"])
            if m["scrollWidth"] > WIDTH:
                failures.append(f"{path}: scrolls sideways ({m['scrollWidth']} px wide)")
        for path in reports:
            m = visit(path)
            figures["report width"].append(m["scrollWidth"])
            if m["scrollWidth"] > WIDTH:
                failures.append(f"{path}: scrolls sideways ({m['scrollWidth']} px wide)")
            if m["chartText"] is not None and m["chartText"] < 11:
                failures.append(f"{path}: chart text drawn at {m['chartText']:.1f} px")
        if axe:
            from axe_playwright_python.sync_playwright import Axe
            checker = Axe()
            chosen = [pages[0] for pages in statements.values()] + [p for p in public if p.endswith("index.html")][:4] + reports
            for path in chosen:
                for width in (WIDTH, 1280):
                    page.set_viewport_size({"width": width, "height": HEIGHT})
                    page.goto("file://" + os.path.abspath(path))
                    result = checker.run(page, options={"runOnly": {"type": "tag", "values":
                        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
                    for violation in result.response["violations"]:
                        failures.append(f"{path} at {width} px: axe: {violation['id']}: {violation['help']} "
                                        f"({len(violation['nodes'])} elements)")
            page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
            print(f"axe-core: {len(chosen)} pages at 390 and 1280 px")
        browser.close()
    for key, values in sorted(figures.items()):
        values = [v for v in values if v is not None]
        if values:
            print(f"{key}: {len(values)} pages, median {sorted(values)[len(values) // 2]:.0f} px, max {max(values):.0f} px")
    for failure in failures[:30]:
        print(failure)
    if failures:
        print(f"{len(failures)} problems"); sys.exit(1)
    print("Phone: no page scrolls sideways; every open statement's first screen shows the balance and what comes next")


if __name__ == "__main__":
    main()
