"""The editor of `loa serve` (/_loa/) in headless Chromium, as staff use it (issue #17 items 4–5).

Starts the built `loa serve` on a copy of the sample site, signs in with the address it prints,
then: creates a press release through the form (a missing summary first: the error summary,
its link to the field, the field's error), saves it, finds it in the preview and in a `loa
build` made afterwards; adds its English translation; imports a .docx made here and saves it;
makes a stale edit (409, the file keeps the disk's text); and sends a traversal and requests
without the token, which are refused. Every editor screen is checked with axe (at 1280 and
390 px, with no horizontal scrolling at 390), with vnu on the HTML the server sent (read back
from the browser's network log, POST answers included), and for requests to another host.
"""

import base64
import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile

from webquality import REPO, describe, free_port, run_axe, set_width, start_browser, vnu_errors, vnu_messages

WAIT = 120  # seconds: a save rebuilds the preview, on a loaded two-core machine
NARROW = 390


# ---------------------------------------------------------------- the site and the server

def editor_site(workdir):
    """A copy of the sample site's Content/ with the repository's themes, as fixture_site makes it."""
    site = os.path.join(workdir, "site-editor")
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(site, "Content"))
    os.symlink(os.path.join(REPO, "Themes"), os.path.join(site, "Themes"))
    return site


class Serve:
    """`loa serve` on a free loopback port; `editor_url` is the address it prints."""

    def __init__(self, loa, site):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([loa, "serve", "--site", site, "--port", str(self.port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output = []
        lines = queue.Queue()

        def read():
            for line in self.process.stdout:
                self.output.append(line.rstrip("\n"))
                lines.put(line)
            lines.put(None)
        threading.Thread(target=read, daemon=True).start()
        self.editor_url = None
        deadline = time.time() + 300
        while self.editor_url is None and time.time() < deadline:
            try:
                line = lines.get(timeout=deadline - time.time())
            except queue.Empty:
                break
            if line is None:
                break
            if line.startswith("Editor: "):
                self.editor_url = line[len("Editor: "):].strip()
        if self.editor_url is None:
            self.stop()
            raise RuntimeError("loa serve printed no Editor line:\n" + "\n".join(self.output))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ---------------------------------------------------------------- HTTP outside the browser

def multipart(fields, files=()):
    boundary = "----loa-webquality-" + uuid.uuid4().hex
    body = b""
    for name, value in fields:
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode() + value.encode() + b"\r\n"
    for field, filename, kind, data in files:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
                 f"Content-Type: {kind}\r\n\r\n").encode() + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def status_of(url, method="GET", headers=None, body=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def content_digest(site):
    """One digest of every file under Content/: a refused request changes nothing."""
    digest = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(os.path.join(site, "Content"))):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, site).encode() + b"\0")
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


# ---------------------------------------------------------------- a .docx made here

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs, path):
    """A minimal Word document (as Tests/LoaImportTests' `Word.docx`): one paragraph per line."""
    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                         "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
        archive.writestr("word/document.xml",
                         f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{W}\">"
                         f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    return path


# A report as the districts issue them (the shape of ../shared/source-documents/).
REPORT = [
    "ỦY BAN NHÂN DÂN", "HUYỆN THẠCH THÀNH", "Số: 152/BC-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Thạch Thành, ngày 15 tháng 6 năm 2023",
    "BÁO CÁO", "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2023",
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "Công tác thông tin đối ngoại được các cơ quan, đơn vị trên địa bàn huyện quan tâm triển khai.",
    "II. KẾT QUẢ THỰC HIỆN",
    "Cổng thông tin điện tử huyện đăng tải 128 tin, bài về thông tin đối ngoại.",
    "Nơi nhận:", "- Sở Thông tin và Truyền thông;", "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
]


# ---------------------------------------------------------------- the browser session

class EditorBrowser:
    def __init__(self, results, serve, axe_source):
        self.results = results
        self.serve = serve
        self.base = serve.base
        self.axe_source = axe_source
        self.driver = start_browser()
        self.pages = []  # (label, html bytes) of every screen checked, for vnu

    def quit(self):
        self.driver.quit()

    # -- waiting and reading

    def wait_for(self, condition, what):
        from selenium.webdriver.support.ui import WebDriverWait
        try:
            return WebDriverWait(self.driver, WAIT, poll_frequency=0.2).until(lambda d: condition())
        except Exception:  # a timeout: the check fails with what was awaited
            self.results.record(False, f"editor: {what}", [f"still at {self.driver.current_url}: {self.driver.title}"] +
                                [a.text for a in self.find("#error-summary a")])
            raise

    def find(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def one(self, selector):
        found = self.find(selector)
        return found[0] if found else None

    def active_id(self):
        return self.driver.execute_script("return document.activeElement ? document.activeElement.id : null")

    def network(self):
        """Drains the performance log: (the last HTML document's status and exact bytes, requests elsewhere)."""
        document = None
        elsewhere = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message.get("method") == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not (url.startswith(self.base + "/") or url.startswith("data:") or url.startswith("about:")):
                    elsewhere.append(url)
            elif message.get("method") == "Network.responseReceived" and params.get("type") == "Document":
                document = (params["requestId"], params["response"]["status"])
        if document is None:
            return None, None, elsewhere
        body = self.driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": document[0]})
        html = base64.b64decode(body["body"]) if body.get("base64Encoded") else body["body"].encode("utf-8")
        return document[1], html, elsewhere

    # -- keyboard

    def press(self, element):
        """Focuses an element and presses Enter on it, as a keyboard user does."""
        from selenium.webdriver.common.keys import Keys
        self.driver.execute_script("arguments[0].focus();", element)
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)

    def save(self):
        self.press(self.one("button[name=action][value=save]"))

    def type_into(self, field_id, text):
        element = self.one("#" + field_id)
        element.clear()
        element.send_keys(text)

    def choose(self, field_id, value):
        from selenium.webdriver.support.ui import Select
        Select(self.one("#" + field_id)).select_by_value(value)

    def untick(self, field_id):
        box = self.one("#" + field_id)
        if box is not None and box.is_selected():
            box.click()

    # -- one screen: status, axe at two widths, no sideways scrolling, nothing elsewhere, its HTML kept

    def audit(self, label, expected_status):
        status, html, elsewhere = self.network()
        self.results.record(status == expected_status, f"editor {label}: answers {expected_status}", [f"answered {status}"])
        if html is not None:
            self.pages.append((label, html))
        self.results.record(not elsewhere, f"editor {label}: no request to another host", elsewhere)
        for width in (1280, NARROW):
            set_width(self.driver, width)
            result = run_axe(self.driver, self.axe_source)
            what = f"axe editor {label}" + (f" at {width}px" if width != 1280 else "")
            self.results.record("error" not in result and not result.get("violations"), what,
                                describe(result.get("violations", [])) + ([result["error"]] if "error" in result else []))
            if width == NARROW:
                overflow = self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                self.results.record(overflow <= 0, f"no horizontal scrolling: editor {label} at {width}px",
                                    [f"the page is {overflow}px wider than the window"])
        set_width(self.driver, 1280)
        self.network()  # axe's own work is not the next screen's

    # -- the flows

    def sign_in(self, site):
        self.driver.get(self.serve.editor_url)
        self.wait_for(lambda: self.driver.current_url == self.base + "/_loa/" and self.one("table.content-list"),
                      "the printed address signs in and shows the list")
        listed = {e.text.strip() for e in self.find("table.content-list .file-path")}
        files = sorted(os.path.relpath(os.path.join(root, name), site)
                       for root, _, names in os.walk(os.path.join(site, "Content")) for name in names if name.endswith(".md"))
        missing = [f for f in files if f not in listed]
        self.results.record(files and not missing, f"editor: the list shows every item of the sample ({len(files)} files)",
                            [f"not listed: {missing[:10]}"])
        self.results.record("token=" not in self.driver.current_url, "editor: the token leaves the address bar after sign-in",
                            [self.driver.current_url])
        self.audit("list /_loa/", 200)
        return [a.get_attribute("href") for a in self.find(".new-items a") if "/_loa/new?" in a.get_attribute("href")]

    def new_forms(self, addresses):
        for address in addresses:
            self.driver.get(address)
            self.wait_for(lambda: self.one("form.editor-form"), f"the form {address}")
            self.audit("new form " + address[len(self.base):], 200)

    def summary_links_focus_their_fields(self, label):
        """Following each link of the error summary (with Enter) puts the focus in the field it names."""
        problems = []
        for index in range(len(self.find("#error-summary a"))):
            link = self.find("#error-summary a")[index]
            target = link.get_attribute("href").split("#")[1]
            self.press(link)
            focused = self.driver.execute_script(
                "const t = document.getElementById(arguments[0]), a = document.activeElement;"
                "return t && a && a !== document.body && (t === a || t.contains(a)) ? a.id : (a ? a.id || a.tagName : null);", target)
            inside = self.driver.execute_script(
                "const t = document.getElementById(arguments[0]), a = document.activeElement;"
                "return !!(t && a && a !== document.body && (t === a || t.contains(a)));", target)
            if not inside:
                problems.append(f"#{target}: focus went to {focused!r}")
        self.results.record(not problems, f"editor {label}: each link of the error summary moves focus into its field", problems)

    def fill_release_without_summary(self, title, day="20"):
        self.driver.get(self.base + "/_loa/new?kind=press-release")
        self.wait_for(lambda: self.one("#f-title"), "the new press release form")
        self.type_into("f-title", title)
        self.choose("f-district", "trieu-son")
        self.type_into("f-date-day", day)
        self.type_into("f-date-month", "3")
        self.type_into("f-date-year", "2024")
        self.type_into("f-body", "Sáng 20/3, huyện tổ chức hội nghị giao ban báo chí quý I.\n\nHội nghị thống nhất lịch cung cấp thông tin.")
        # Published when saved: the build without --drafts must then include it.
        self.untick("f-draft")
        self.save()
        self.wait_for(lambda: self.one("#error-summary"), "a release without summary shows the error summary")

    def press_release(self, site):
        title = "Triệu Sơn giao ban báo chí quý I năm 2024"
        self.fill_release_without_summary(title, day="40")  # and a day that no month has
        problems = []
        if self.active_id() != "error-summary":
            problems.append(f"focus is on #{self.active_id()}, not on the error summary")
        links = [a for a in self.find("#error-summary a") if a.get_attribute("href").endswith("#f-summary")]
        if not links:
            problems.append("no link to #f-summary in the summary: " + repr([a.get_attribute("href") for a in self.find("#error-summary a")]))
        self.results.record(not problems, "editor: a missing summary shows the error summary, focused, linking to the field", problems)
        self.audit("new press release with an error", 422)
        if links:
            self.press(links[0])
            self.wait_for(lambda: self.active_id() == "f-summary", "following the summary's link moves focus to the summary field")
            self.results.record(True, "editor: following the summary's link moves focus to the summary field")
        field = self.one("#f-summary")
        described = (field.get_attribute("aria-describedby") or "").split()
        errors = [self.one("#" + i).text for i in described if "-error-" in i and self.one("#" + i)]
        self.results.record(field.get_attribute("aria-invalid") == "true" and any("summary" in e for e in errors),
                            "editor: the summary field has aria-invalid and its error text",
                            [f"aria-invalid={field.get_attribute('aria-invalid')!r}, described by {described}: {errors}"])
        self.summary_links_focus_their_fields("new press release with errors")
        self.type_into("f-date-day", "20")

        self.type_into("f-summary", "Huyện Triệu Sơn tổ chức giao ban báo chí quý I năm 2024.")
        self.save()
        self.wait_for(lambda: "created=1" in self.driver.current_url, "the corrected release is saved")
        file = urllib.request.unquote(self.driver.current_url.split("file=")[1].split("&")[0])
        notice = self.one("[role=status]")
        self.results.record(notice is not None and notice.text.strip() != "", "editor: the item's page says it was saved",
                            [f"notice: {notice.text if notice else None!r}"])
        self.audit("saved notice", 200)
        text = open(os.path.join(site, file), encoding="utf-8").read() if os.path.exists(os.path.join(site, file)) else ""
        self.results.record("Huyện Triệu Sơn tổ chức giao ban báo chí quý I năm 2024." in text and "draft: true" not in text and "2024-03-20" in text,
                            f"editor: {file} written with the summary, the date, not a draft", [text[:600]])
        name = os.path.basename(file).split(".")[0]
        self.driver.get(f"{self.base}/press-releases/{name}/")
        h1 = self.one("h1")
        self.results.record(h1 is not None and h1.text.strip() == title, f"editor: the new release is in the preview /press-releases/{name}/",
                            [f"h1: {h1.text if h1 else None!r}"])
        self.network()
        return file, name, title

    def translation(self, site, file, name):
        self.driver.get(self.base + "/_loa/edit?file=" + file)
        self.wait_for(lambda: self.one("form.editor-form"), "the new release's form")
        self.network()
        links = [a for a in self.find("a") if f"lang=en&of={name}" in (a.get_attribute("href") or "")]
        self.results.record(bool(links), "editor: the release's page links to its English translation's form",
                            [a.get_attribute("href") for a in self.find(".file-path a")])
        if not links:
            return
        self.press(links[0])
        self.wait_for(lambda: "lang=en" in self.driver.current_url and self.one("#f-title"), "the translation's form")
        self.audit("new translation form", 200)
        district = self.one("#f-district option:checked")
        self.results.record(district is not None and district.get_attribute("value") == "trieu-son",
                            "editor: the translation starts with the original's district")
        self.type_into("f-title", "Triệu Sơn holds its first-quarter press briefing")
        self.type_into("f-summary", "Triệu Sơn district held its press briefing for the first quarter of 2024.")
        self.type_into("f-body", "On 20 March the district held its first-quarter press briefing.")
        self.untick("f-draft")
        self.save()
        self.wait_for(lambda: "created=1" in self.driver.current_url, "the translation is saved")
        english = f"Content/press-releases/{name}.en.md"
        self.results.record(os.path.exists(os.path.join(site, english)), f"editor: the translation is written as {english}",
                            [self.driver.current_url])
        self.driver.get(f"{self.base}/en/press-releases/{name}/")
        h1 = self.one("h1")
        lang = self.driver.execute_script("return document.documentElement.lang")
        self.results.record(h1 is not None and h1.text.strip() == "Triệu Sơn holds its first-quarter press briefing" and lang == "en",
                            f"editor: the English page /en/press-releases/{name}/ is in the preview",
                            [f"h1: {h1.text if h1 else None!r}, lang {lang!r}"])
        self.network()

    def import_document(self, site, workdir):
        path = docx(REPORT, os.path.join(workdir, "bao-cao-thach-thanh.docx"))
        self.driver.get(self.base + "/_loa/import")
        self.wait_for(lambda: self.one("#f-import-file"), "the import page")
        self.audit("import page", 200)
        self.one("#f-import-file").send_keys(path)
        self.press(self.one("form.editor-form button[type=submit]"))
        self.wait_for(lambda: self.one("#f-number"), "the imported document's form")
        found = {"number": self.one("#f-number").get_attribute("value"),
                 "year": self.one("#f-issue_date-year").get_attribute("value"),
                 "kind": (self.one("#f-document_kind option:checked") or self.one("#f-document_kind")).get_attribute("value")}
        self.results.record(found == {"number": "152/BC-UBND", "year": "2023", "kind": "report"} and self.one(".import-findings"),
                            "editor: the import shows what it found in the form (number, date, kind) and its findings", [str(found)])
        self.audit("import result", 200)
        self.choose("f-district", "thach-thanh")
        self.save()
        self.wait_for(lambda: "created=1" in self.driver.current_url or self.one("#error-summary"), "the imported document is saved")
        if "created=1" not in self.driver.current_url:
            self.results.record(False, "editor: the imported document is saved",
                                [a.text for a in self.find("#error-summary a")])
            return
        file = urllib.request.unquote(self.driver.current_url.split("file=")[1].split("&")[0])
        text = open(os.path.join(site, file), encoding="utf-8").read() if os.path.exists(os.path.join(site, file)) else ""
        self.results.record("152/BC-UBND" in text and "district: thach-thanh" in text and "128 tin, bài" in text,
                            f"editor: the imported document is written as {file}, corrected", [text[:800]])
        self.network()

    def edit_with_error(self, site):
        """A file with an unknown topic: its form opens with the error, linked to the topics' group."""
        file = "Content/places/khu-di-tich-lich-su-na-tu.vi.md"
        path = os.path.join(site, file)
        text = open(path, encoding="utf-8").read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("\ntopics: [", "\ntopics: [chu-de-khong-co, ", 1))
        self.driver.get(self.base + "/_loa/edit?file=" + file)
        self.wait_for(lambda: self.one("#error-summary"), "a file with an unknown topic opens with the error summary")
        links = [a.get_attribute("href").split("#")[1] for a in self.find("#error-summary a")]
        self.results.record(any(link.startswith("f-topics-") for link in links),
                            "editor: an unknown topic in the file is shown, linked to the topics' first box", [str(links)])
        self.audit("edit form with an error in the file", 200)
        self.summary_links_focus_their_fields("edit form with an error in the file")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def stale_edit(self, site):
        file = "Content/press-releases/bach-thong-phoi-hop-phat-thanh-truyen-hinh-2023.vi.md"
        path = os.path.join(site, file)
        self.driver.get(self.base + "/_loa/edit?file=" + file)
        self.wait_for(lambda: self.one("#f-summary"), "an item's form")
        self.audit("edit form", 200)
        theirs = open(path, encoding="utf-8").read() + "\nĐoạn thêm ở nơi khác.\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(theirs)
        self.type_into("f-summary", "Bản tóm tắt của tôi.")
        self.save()
        self.wait_for(lambda: self.one(".conflict"), "a stale save shows the conflict")
        offered = self.one("#conflict-text")
        self.results.record(offered is not None and "Đoạn thêm ở nơi khác." in offered.get_attribute("value")
                            and self.one("#f-summary").get_attribute("value") == "Bản tóm tắt của tôi.",
                            "editor: a stale save offers the newer text and keeps what was typed")
        self.audit("conflict", 409)
        self.results.record(open(path, encoding="utf-8").read() == theirs, "editor: after a stale save the file keeps the disk's text")

    def refused(self, site):
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies() if c["name"] == "loa_editor")
        release = "Content/press-releases/trieu-son-chu-tich-ubnd-huyen-la-nguoi-phat-ngon.vi.md"
        before = content_digest(site)
        for target in ["Content/../..", "Content%2F..%2F..%2Fetc%2Fpasswd", "Content/%2e%2e/%2e%2e/Package.swift"]:
            code = status_of(f"{self.base}/_loa/edit?file={target}", headers={"Cookie": cookie})
            self.results.record(code == 403, f"editor: /_loa/edit?file={target} is refused (403), signed in", [f"answered {code}"])
        self.driver.get(f"{self.base}/_loa/edit?file=Content%2F..%2F..%2Fetc%2Fpasswd")
        self.audit("refused traversal", 403)
        fields = [("title", "Đã bị sửa"), ("summary", "x"), ("district", "trieu-son"), ("action", "save")]
        token = self.serve.editor_url.split("token=")[1]
        origin = {"Origin": self.base}
        for what, headers, form in [("without the cookie", origin, fields + [("token", token)]),
                                    ("without the token", {**origin, "Cookie": cookie}, fields),
                                    ("without either", origin, fields)]:
            kind, body = multipart(form)
            code = status_of(f"{self.base}/_loa/edit?file={release}", "POST", {**headers, "Content-Type": kind}, body)
            self.results.record(code == 403, f"editor: a POST {what} is refused (403)", [f"answered {code}"])
        self.results.record(content_digest(site) == before, "editor: refused requests changed no file under Content/")


def vnu_pages(results, pages, workdir):
    """vnu over the HTML each editor screen was sent, and over the editor's style sheet."""
    folder = os.path.join(workdir, "editor-pages")
    os.makedirs(folder, exist_ok=True)
    files = []
    for index, (label, html) in enumerate(pages):
        file = os.path.join(folder, f"{index:02d}.html")
        with open(file, "wb") as f:
            f.write(html)
        files.append((label, file))
    css = os.path.join(REPO, "Themes", "default", "editor", "editor.css")
    by_file = vnu_messages(results, ["--also-check-css", css] + [f for _, f in files], "vnu ran over the editor's pages")
    if by_file is None:
        return
    for label, file in files + [("editor.css", css)]:
        errors = vnu_errors(by_file.get(os.path.realpath(file), []))
        results.record(not errors, f"vnu editor {label}", errors)


def editor_checks(results, loa, workdir, axe_source):
    site = editor_site(workdir)
    serve = Serve(loa, site)
    browser = None
    release = None
    try:
        browser = EditorBrowser(results, serve, axe_source)
        try:
            new_forms = browser.sign_in(site)
            browser.new_forms(new_forms)
            release = browser.press_release(site)
            browser.translation(site, release[0], release[1])
            browser.import_document(site, workdir)
            browser.edit_with_error(site)
            browser.stale_edit(site)
            browser.refused(site)
        except Exception as error:  # a flow that could not go on: the rest still runs
            import traceback
            results.record(False, "editor: the browser flows ran to the end",
                           traceback.format_exception(error)[-3:] if not hasattr(error, "msg") else [f"{type(error).__name__}"])
    finally:
        if browser:
            browser.quit()
        serve.stop()
    if browser:
        vnu_pages(results, browser.pages, workdir)
    if release:
        # The saved release (not a draft) and its translation in a build made afterwards, without --drafts.
        _, name, title = release
        output = os.path.join(workdir, "editor-build")
        build = subprocess.run([loa, "build", "--site", site, "--output", output, "--quiet"], capture_output=True, text=True)
        pages = [os.path.join(output, "press-releases", name, "index.html"), os.path.join(output, "en", "press-releases", name, "index.html")]
        found = [os.path.exists(p) and title in open(pages[0], encoding="utf-8").read() for p in pages[:1]] + [os.path.exists(pages[1])]
        results.record(build.returncode == 0 and all(found), f"editor: loa build after serve publishes /press-releases/{name}/ and its English page",
                       [build.stdout[-1000:] + build.stderr[-1000:], f"pages found: {found}"])


def editor_screenshot(loa, workdir, directory):
    """The press release form with its error shown, at a desktop width: the README's picture."""
    site = editor_site(workdir)
    serve = Serve(loa, site)
    driver = None
    try:
        class Quiet:
            def record(self, ok, name, details=()):
                if not ok:
                    raise RuntimeError(name)
        browser = EditorBrowser(Quiet(), serve, "")
        driver = browser.driver
        driver.get(serve.editor_url)
        browser.wait_for(lambda: browser.one("table.content-list"), "sign in")
        browser.fill_release_without_summary("Triệu Sơn giao ban báo chí quý I năm 2024")
        set_width(driver, 1280, 900)
        driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        os.makedirs(directory, exist_ok=True)
        file = os.path.join(directory, "editor-1280.png")
        with open(file, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"wrote {file} (/_loa/new?kind=press-release with a missing summary, 1280 px)")
        return [file]
    finally:
        if driver:
            driver.quit()
        serve.stop()
