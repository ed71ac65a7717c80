package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages as an operator uses them, in a real browser (Debian's headless Chromium, driven by
 * Selenium through {@code /usr/bin/chromedriver}): sign in, create and edit a gateway (a bad value
 * named at its field), find a message sent by swaks, retry and delete it, release a quarantined
 * one, read the audit log and the queue shape, a phone-sized window, a viewer who finds no button
 * that changes anything, and a forged cross-site form that changes nothing. Screenshots of each
 * page go to {@code target/screenshots/}.
 */
class PagesInBrowserIT extends EndToEnd {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String DOMAIN = "browser.e2e.test";

    private static WebDriver browser;
    private static int shot;

    @BeforeAll
    static void startBrowser() throws Exception {
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // nothing leaves loopback: no updates, sync, or other background traffic of the browser's own
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorManagesAGatewayAndItsMailAndAViewerOnlyLooks() throws Exception {
        int closed = Ports.free();
        browser.get(http("/admin/"));
        assertThat(browser.getCurrentUrl()).as("the pages ask to sign in first").contains("/login.xhtml");
        screenshot("sign-in");
        // (a wrong password here would count against 127.0.0.1, which the other tests share: the
        // throttle and the form's refusal are the API's and SignInPage's, tested there)
        signIn("admin", Mxgate.PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/admin/");
        assertThat(text("signedin")).contains("admin");
        screenshot("gateways");

        // create, then edit: a bad value is named at its field
        press(browser.findElement(By.id("create")));
        browser.findElement(By.id("gateway:newDomain")).sendKeys(DOMAIN);
        new Select(browser.findElement(By.id("gateway:mode"))).selectByValue("FORWARD");
        browser.findElement(By.id("gateway:forwardHost")).sendKeys("127.0.0.1");
        browser.findElement(By.id("gateway:forwardPort")).sendKeys(String.valueOf(closed));
        press(browser.findElement(By.id("gateway:save")));
        assertThat(text("created")).contains("Gateway " + DOMAIN + " created");
        assertThat(api.get("/api/gateways/" + DOMAIN).object().getString("forwardHost")).isEqualTo("127.0.0.1");
        type("gateway:maxMessages", "many");
        press(browser.findElement(By.id("gateway:save")));
        assertThat(browser.findElement(By.xpath("//input[@id='gateway:maxMessages']/following-sibling::span")).getText())
                .contains("maxMessages is a whole number");
        type("gateway:maxMessages", "500");
        type("gateway:contactAddress", "ops@" + DOMAIN);
        press(browser.findElement(By.id("gateway:save")));
        assertThat(text("messages")).contains("Saved.");
        assertThat(api.get("/api/gateways/" + DOMAIN).object().getJsonNumber("maxMessages").longValue()).isEqualTo(500);
        type("accounts:accountAddress", "sender@" + DOMAIN);
        type("accounts:accountPassword", "short");
        press(browser.findElement(By.id("accounts:set")));
        assertThat(browser.findElement(By.xpath("//input[@id='accounts:accountPassword']/following-sibling::span")).getText())
                .contains("12 characters");
        type("accounts:accountPassword", "a-long-enough-password");
        press(browser.findElement(By.id("accounts:set")));
        assertThat(text("accounts:list")).contains("sender@" + DOMAIN);
        screenshot("gateway");

        // a message that waits (its next hop refuses connections): found, retried, deleted
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "bob@" + DOMAIN,
                "--header", "Subject: seen in a browser").output());
        api.awaitMessage(DOMAIN, m -> m.getString("id").equals(id) && m.getString("status").equals("DEFERRED"), WAIT);
        browser.get(http("/admin/mail.xhtml?domain=" + DOMAIN));
        WebElement row = browser.findElement(By.xpath("//tr[.//div[text()='" + id + "']]"));
        assertThat(row.getText()).contains("DEFERRED").contains("bob@" + DOMAIN).contains("4.4.1");
        screenshot("mail");
        press(row.findElement(By.cssSelector("input.retry")));
        assertThat(text("messages")).contains("Message " + id + " is due now");
        browser.get(http("/admin/message.xhtml?id=" + id));
        assertThat(text("header")).contains("Subject: seen in a browser");
        assertThat(text("history")).contains("4.4.1");
        screenshot("message");
        HttpResponse<String> eml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                browser.findElement(By.id("download")).getAttribute("href"))).header("Cookie", "JSESSIONID="
                + browser.manage().getCookieNamed("JSESSIONID").getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(eml.statusCode()).isEqualTo(200);
        assertThat(eml.headers().firstValue("Content-Disposition").orElse("")).contains(id + ".eml");
        assertThat(eml.body()).contains("Subject: seen in a browser").contains("Received: from");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/admin/raw?id=" + id))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("not signed in: to the sign-in form").isEqualTo(303);
        browser.get(http("/admin/mail.xhtml?domain=" + DOMAIN));
        press(browser.findElement(By.xpath("//tr[.//div[text()='" + id + "']]")).findElement(By.cssSelector("input.delete")));
        assertThat(text("messages")).contains("Message " + id + " deleted");
        assertThat(api.get("/api/messages/" + id).status()).isEqualTo(404);
        press(browser.findElement(By.id("flush:flush")));
        assertThat(text("messages")).contains("message(s) due now; a queue run has started");

        // the quarantine: a header rule holds the message, the page releases it
        assertThat(api.put("/api/gateways/" + DOMAIN + "/content", "{\"headerRules\":[{\"field\":\"Subject\","
                + "\"pattern\":\"hold-me\",\"action\":\"QUARANTINE\"}]}").status()).isEqualTo(200);
        String held = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "carol@" + DOMAIN,
                "--header", "Subject: hold-me please").output());
        browser.get(http("/admin/message.xhtml?id=" + held));
        assertThat(text("status")).contains("QUARANTINED");
        screenshot("quarantined");
        press(browser.findElement(By.id("actions:release")));
        assertThat(text("messages")).contains("Released");
        assertThat(api.get("/api/messages/" + held).object().getString("status")).isNotEqualTo("QUARANTINED");

        browser.get(http("/admin/audit.xhtml?domain=" + DOMAIN));
        String audit = text("audit");
        assertThat(audit).contains("CREATED").contains("CHANGED").contains("MAIL_RETRIED").contains("MAIL_DELETED")
                .contains("MAIL_RELEASED").contains("admin");
        screenshot("audit");
        browser.get(http("/admin/qshape.xhtml"));
        assertThat(text("shape")).contains("127.0.0.1:" + closed);
        screenshot("queue-shape");

        // a phone-sized window: nothing wider than the screen but the tables' own scrolling
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(http("/admin/?q=" + DOMAIN));
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).as("horizontal overflow on a phone").isLessThanOrEqualTo(0);
        screenshot("phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        signOut();
        browser.get(http("/admin/"));
        assertThat(browser.getCurrentUrl()).as("signed out").contains("/login.xhtml");

        // a viewer sees everything and finds no button that changes anything
        signIn("viewer", Mxgate.VIEWER_PASSWORD);
        assertThat(text("signedin")).contains("viewer");
        for (String page : List.of("/admin/", "/admin/gateway.xhtml?domain=" + DOMAIN, "/admin/mail.xhtml?domain=" + DOMAIN,
                "/admin/message.xhtml?id=" + held, "/admin/content.xhtml?domain=" + DOMAIN,
                "/admin/verification.xhtml?domain=" + DOMAIN, "/admin/auto.xhtml", "/admin/gateway.xhtml",
                "/admin/operators.xhtml", "/admin/audit.xhtml", "/admin/qshape.xhtml")) {
            browser.get(http(page));
            assertThat(browser.getPageSource()).as(page).doesNotContain("could not be answered");
            assertThat(browser.findElements(By.cssSelector("input[type=submit], form:not(.signout):not(.filters) button")))
                    .as("buttons a viewer finds on " + page).isEmpty();
        }
        screenshot("viewer");
        signOut();
    }

    @Test
    void aFormPostedFromAnotherSiteChangesNothing() throws Exception {
        api.createGateway("{\"domain\":\"forged.e2e.test\",\"mode\":\"HOLD\"}");
        browser.get(http("/admin/"));
        signIn("admin", Mxgate.PASSWORD);
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();

        // another site's page that posts mxgate's delete form as soon as it is opened
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.3", 0), 0);
        String target = http("/admin/gateway.xhtml?domain=forged.e2e.test");
        byte[] page = ("<!DOCTYPE html><html><body><form method='post' action='" + target + "'>"
                + "<input type='hidden' name='delete' value='delete'><input type='hidden' name='delete:purge' value='on'>"
                + "<input type='hidden' name='delete:delete' value='Delete this gateway'>"
                + "<input type='hidden' name='jakarta.faces.ViewState' value='1:1'></form>"
                + "<script>document.forms[0].submit()</script></body></html>").getBytes(StandardCharsets.UTF_8);
        evil.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        evil.start();
        try {
            browser.get("http://127.0.0.3:" + evil.getAddress().getPort() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(http("/")));
            screenshot("cross-site-post");
            assertThat(browser.getCurrentUrl()).as("the session cookie stays home (SameSite=Strict)")
                    .contains("/login.xhtml");
        } finally {
            evil.stop(0);
        }
        assertThat(api.get("/api/gateways/forged.e2e.test").status()).as("not deleted").isEqualTo(200);

        // even with the session cookie (a browser without SameSite), a made-up view state is refused
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(target))
                .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("delete=delete&delete%3Apurge=on&delete%3Adelete=x"
                        + "&jakarta.faces.ViewState=1%3A1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("did not come from mxgate's own page");
        assertThat(api.get("/api/gateways/forged.e2e.test").status()).as("not deleted").isEqualTo(200);

        // the same deletion from mxgate's own page, with its mail
        Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "x@forged.e2e.test");
        browser.get(http("/admin/gateway.xhtml?domain=forged.e2e.test"));
        if (browser.getCurrentUrl().contains("/login.xhtml")) {
            signIn("admin", Mxgate.PASSWORD);
        }
        press(browser.findElement(By.id("delete:delete")));
        assertThat(browser.findElement(By.xpath("//input[@id='delete:purge']/following-sibling::span")).getText())
                .as("it still stores mail").contains("still stores 1 message");
        browser.findElement(By.id("delete:purge")).click();
        press(browser.findElement(By.id("delete:delete")));
        assertThat(browser.getCurrentUrl()).contains("/admin/index.xhtml");
        assertThat(api.get("/api/gateways/forged.e2e.test").status()).as("deleted with its mail").isEqualTo(404);
        signOut();
    }

    private static void signOut() {
        press(browser.findElement(By.id("signout")));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/login.xhtml"));
    }

    private static void signIn(String user, String password) {
        if (!browser.getCurrentUrl().contains("/login.xhtml")) {
            browser.get(http("/login.xhtml"));
        }
        type("signin:user", user);
        type("signin:password", password);
        press(browser.findElement(By.id("signin:go")));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login.xhtml")
                || !d.findElements(By.id("messages")).isEmpty());
    }

    /** Clicks what submits a form or follows a link, and waits until the next page has replaced this one. */
    private static void press(WebElement element) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.mxgateOldPage = true;");
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "return window.mxgateOldPage === undefined && document.readyState === 'complete';")));
    }

    private static void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String http(String path) {
        return "http://127.0.0.1:" + mxgate.httpPort + path;
    }

    private static void screenshot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(String.format("%02d-%s.png", ++shot, name)),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
