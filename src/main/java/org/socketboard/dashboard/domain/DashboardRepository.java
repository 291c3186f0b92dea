package org.socketboard.dashboard.domain;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

/** Stored dashboards. Used by the dashboard catalog only, which validates before every save. */
public interface DashboardRepository extends JpaRepository<Dashboard, Long> {

    /** A dashboard with its widgets loaded, ready to be shown outside a transaction. */
    @EntityGraph(attributePaths = "widgets")
    Optional<Dashboard> findBySlug(String slug);

    @Query("select coalesce(max(d.position), -1) from Dashboard d")
    int maxPosition();

    /** Every dashboard with the number of its widgets, in list order. */
    @Query("select d as dashboard, size(d.widgets) as widgetCount from Dashboard d order by d.position, d.name")
    List<DashboardWithWidgetCount> findAllWithWidgetCount();

    interface DashboardWithWidgetCount {
        Dashboard getDashboard();

        int getWidgetCount();
    }
}
