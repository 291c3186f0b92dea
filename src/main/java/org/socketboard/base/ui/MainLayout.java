package org.socketboard.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.ui.DefaultPasswordBanner;
import org.socketboard.security.ui.UserMenu;

/**
 * The shell around every view: a drawer whose side navigation is built from the views' {@code @Menu}
 * (only the entries the user may open), and a top bar with the default-password banner, the light/dark
 * switch and the user menu.
 * {@code @PermitAll}: Vaadin checks a route's layout too; every signed-in user gets the shell.
 */
@Layout
@PermitAll
public final class MainLayout extends AppLayout {

    public MainLayout(DefaultPasswordBanner defaultPasswordBanner, UserMenu userMenu, CurrentUser currentUser) {
        setPrimarySection(Section.DRAWER);
        defaultPasswordBanner.addClassNames(LumoUtility.Flex.GROW);
        var themeToggle = new ThemeToggle(currentUser.username().orElse(""));
        themeToggle.addClassNames(LumoUtility.Margin.Left.AUTO);
        userMenu.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
        // The phone layout (styles.css) keeps these on one line with Sign out in view.
        addClassName("sb-main-layout");
        addToNavbar(new DrawerToggle(), defaultPasswordBanner, themeToggle, userMenu);
        addToDrawer(brand(), new Scroller(sideNav()));
    }

    private Div brand() {
        var name = new Span("SocketBoard");
        name.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.LARGE);
        var brand = new Div(name);
        brand.addClassNames(LumoUtility.Padding.MEDIUM);
        return brand;
    }

    private SideNav sideNav() {
        var nav = new SideNav();
        nav.setId("main-nav");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
        return nav;
    }

    private SideNavItem item(MenuEntry entry) {
        return entry.icon() != null
                ? new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()))
                : new SideNavItem(entry.title(), entry.path());
    }
}
