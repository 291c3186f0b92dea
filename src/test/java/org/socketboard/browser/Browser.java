package org.socketboard.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: nothing is downloaded at run time.
 * Console errors are collected so that a test can fail on them.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** The longest any step waits: generous for a loaded 2-core build machine, bounded all the same. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Selenium warns at every start that it has no DevTools bindings for this Chromium version; the
     * suite does not use those bindings (its mouse input goes through chromedriver's own CDP command), so
     * only its errors are worth printing. Held here so that the
     * setting is not garbage-collected with an unreferenced logger.
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    public final WebDriver driver;
    private final Path userDataDir;

    Browser() throws IOException {
        this(false);
    }

    /**
     * With {@code networkLog}, Chromium's DevTools network events (e.g. {@code Network.webSocketFrameReceived})
     * are kept in the driver's performance log, for benchmarks that count what reaches the browser.
     */
    public Browser(boolean networkLog) throws IOException {
        userDataDir = Files.createTempDirectory("socketboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + userDataDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        if (networkLog) {
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        }
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    public static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    /** Loads the page and waits until Flow has rendered it and has no request under way. */
    public void open(String url) {
        driver.get(url);
        waitUntilFlowIsIdle();
    }

    /**
     * The same check as Vaadin TestBench's: every Flow client on the page is loaded and not busy. A live
     * dashboard keeps its client busy with pushes, so on a loaded machine an idle moment can take longer
     * than the usual wait: this one waits up to 90 s.
     */
    void waitUntilFlowIsIdle() {
        waitUntil(Duration.ofSeconds(90), d -> Boolean.TRUE.equals(script("""
                const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                return !!clients && Object.keys(clients).length > 0
                    && Object.values(clients).every(client => !client.isActive || !client.isActive());""")));
    }

    public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition);
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(WAIT, condition);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    boolean isPresent(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    /** Signs in through the login form; returns once the app has left the login page. */
    public void signIn(RunningApp app, String username, String password) {
        open(app.url("/login"));
        submitSignIn(username, password);
        waitUntil(d -> !d.getCurrentUrl().contains("/login") && !d.findElements(By.id("main-nav")).isEmpty());
    }

    /** Types the credentials into the login form on the page and presses Enter; returns at once. */
    void submitSignIn(String username, String password) {
        WebElement secret = waitUntil(d -> {
            WebElement userInput = visible(By.cssSelector("#login input[name='username']"));
            WebElement passwordInput = visible(By.cssSelector("#login input[name='password']"));
            if (userInput == null || passwordInput == null) {
                return null;
            }
            replaceText(userInput, username);
            replaceText(passwordInput, password);
            // Typed too early, keys can be lost while the form renders: only a form that kept both is sent.
            boolean kept = username.equals(property(userInput, "value")) && password.equals(property(passwordInput, "value"));
            return kept ? passwordInput : null;
        });
        secret.sendKeys(Keys.ENTER);
    }

    /** Forgets the session: the next page asks for a sign-in again. */
    void signOut() {
        driver.manage().deleteAllCookies();
    }

    /**
     * Types into a Vaadin field (text field, text area, number field) as a person would: the field's
     * own input gets the keys, then Tab leaves it, so that Flow receives the value.
     */
    void type(String fieldId, String text) {
        WebElement input = waitUntil(d -> d.findElement(By.id(fieldId)).findElement(By.cssSelector("input, textarea")));
        replaceText(input, text);
        input.sendKeys(Keys.TAB);
    }

    private static void replaceText(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    void click(String id) {
        WebElement element = waitUntil(d -> {
            WebElement found = d.findElement(By.id(id));
            return found.isDisplayed() && found.isEnabled() ? found : null;
        });
        // The app layout scrolls its content area, not the document: Selenium's own scrolling misses it.
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Ticks a Vaadin checkbox unless it is ticked already. */
    void tick(String checkboxId) {
        if (!Boolean.TRUE.equals(property(byId(checkboxId), "checked"))) {
            // The box itself: in a form layout the checkbox spans a whole column, mostly empty space.
            WebElement box = byId(checkboxId).findElement(By.tagName("input"));
            script("arguments[0].scrollIntoView({block: 'center'})", box);
            box.click();
        }
        waitUntil(d -> Boolean.TRUE.equals(property(byId(checkboxId), "checked")));
    }

    /** Opens a {@code vaadin-select} and clicks the item with this label. */
    void choose(String selectId, String label) {
        click(selectId);
        clickItem("vaadin-select-item", label);
        waitUntil(d -> label.equals(headline(byId(selectId).findElement(By.cssSelector("vaadin-select-value-button")).getText())));
    }

    /** Types into a {@code vaadin-combo-box} (over what it shows) to filter it and clicks the item with this label. */
    void pick(String comboBoxId, String label) {
        WebElement input = byId(comboBoxId).findElement(By.tagName("input"));
        input.click();
        replaceText(input, label);
        clickItem("vaadin-combo-box-item", label);
        waitUntil(d -> label.equals(property(input, "value")));
    }

    /** Picks each label in a {@code vaadin-multi-select-combo-box}, then closes its list. */
    void pickAll(String multiSelectId, String... labels) {
        WebElement input = byId(multiSelectId).findElement(By.tagName("input"));
        for (String label : labels) {
            input.click();
            replaceText(input, label);
            clickItem("vaadin-multi-select-combo-box-item", label);
        }
        input.sendKeys(Keys.ESCAPE);
        waitUntil(d -> ((Number) script("return arguments[0].selectedItems.length", byId(multiSelectId))).intValue()
                == labels.length);
    }

    /** An item's first line: a select's items may explain themselves below their label ("On new data"). */
    private static String headline(String text) {
        return text.trim().split("\n", 2)[0].trim();
    }

    /** Adds one more label to what a {@code vaadin-multi-select-combo-box} already holds, then closes its list. */
    void pickOneMore(String multiSelectId, String label) {
        int before = selectedCount(multiSelectId);
        WebElement input = byId(multiSelectId).findElement(By.tagName("input"));
        input.click();
        replaceText(input, label);
        clickItem("vaadin-multi-select-combo-box-item", label);
        input.sendKeys(Keys.ESCAPE);
        waitUntil(d -> selectedCount(multiSelectId) == before + 1);
    }

    private int selectedCount(String multiSelectId) {
        return ((Number) script("return arguments[0].selectedItems.length", byId(multiSelectId))).intValue();
    }

    /**
     * Presses the left mouse button at a point of the viewport (CSS px), moves it by (dx, dy) in small
     * steps and lets go: real input through Chrome DevTools, as a hand on a mouse gives, which
     * gridstack's drag and resize answer (Selenium's pointer actions did not start them).
     */
    void dragBy(double x, double y, double dx, double dy) throws InterruptedException {
        mouse("mouseMoved", x, y, 0);
        Thread.sleep(150);
        mouse("mousePressed", x, y, 1);
        Thread.sleep(150);
        int steps = 12;
        for (int step = 1; step <= steps; step++) {
            mouse("mouseMoved", x + dx * step / steps, y + dy * step / steps, 1);
            Thread.sleep(60);
        }
        Thread.sleep(200);
        mouse("mouseReleased", x + dx, y + dy, 1);
    }

    /** Moves the mouse, no button pressed, to a point of the viewport (CSS px), e.g. to hover a widget. */
    void hover(double x, double y) {
        mouse("mouseMoved", x, y, 0);
    }

    private void mouse(String type, double x, double y, int clickCount) {
        var event = new HashMap<String, Object>(Map.of("type", type, "x", x, "y", y));
        if (clickCount > 0) {
            event.put("button", "left");
            event.put("buttons", 1);
            if (!type.equals("mouseMoved")) {
                event.put("clickCount", clickCount);
            }
        }
        ((ChromeDriver) driver).executeCdpCommand("Input.dispatchMouseEvent", event);
    }

    private void clickItem(String itemTag, String label) {
        // Options only: a select also shows a copy of its chosen item in its value button.
        waitUntil(d -> d.findElements(By.cssSelector(itemTag + ":not(vaadin-select-value-button *)")).stream()
                .filter(item -> item.isDisplayed() && label.equals(headline(item.getText())))
                .findFirst()
                .orElse(null)).click();
    }

    /** Title → "x,y,w,h" of every widget on the grid, as gridstack shows it. */
    private static final String LAYOUT = """
            const layout = {};
            document.querySelectorAll('sb-dashboard-grid > .grid-stack-item').forEach(item => {
              const widget = item.querySelector('[data-widget-title]');
              // gridstack leaves out an attribute at its default: 0 for x and y, 1 for w and h.
              layout[widget.getAttribute('data-widget-title')] = [['gs-x', '0'], ['gs-y', '0'], ['gs-w', '1'], ['gs-h', '1']]
                  .map(([name, absent]) => item.getAttribute(name) || absent).join(',');
            });
            return layout;""";

    /** Title → "x,y,w,h" of every widget on the dashboard's grid, as gridstack shows it. */
    @SuppressWarnings("unchecked")
    Map<String, String> gridLayout() {
        return (Map<String, String>) script(LAYOUT);
    }

    /** A DOM property of an element (e.g. a Vaadin field's {@code value}, a grid's {@code size}). */
    Object property(WebElement element, String name) {
        return script("return arguments[0][arguments[1]]", element, name);
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    private WebElement visible(By locator) {
        return driver.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    /** Console entries at SEVERE level since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    Path screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * A screenshot of the whole current view, not just the window: the window grows until nothing
     * scrolls any more (at most 4000 px high) for the shot, and gets its size back afterwards.
     */
    Path screenshotOfWholeView(String name) throws IOException, InterruptedException {
        Dimension size = driver.manage().window().getSize();
        script("document.activeElement && document.activeElement.blur()");
        try {
            int height = size.height;
            for (int attempt = 0; attempt < 5; attempt++) {
                int overflow = ((Number) script(LARGEST_OVERFLOW)).intValue();
                if (overflow <= 0 || height >= 4000) {
                    break;
                }
                height = Math.min(4000, height + overflow);
                driver.manage().window().setSize(new Dimension(size.width, height));
            }
            if (height != size.height) {
                // Charts redraw, with a short animation, for the new size.
                Thread.sleep(1500);
            }
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** How much the page, or the app layout's scrolling content area inside its shadow root, overflows. */
    private static final String LARGEST_OVERFLOW = """
            const layout = document.querySelector('vaadin-app-layout');
            const areas = [document.documentElement, ...(layout ? layout.shadowRoot.querySelectorAll('*') : [])];
            return Math.max(0, ...areas.map(area => area.scrollHeight - area.clientHeight));""";

    @Override
    public void close() {
        driver.quit();
    }
}
