-- Where a widget sits on its dashboard's grid (issue 13.3, layout by hand): column and row of its top-left
-- cell, from 0. Null for widgets stored before: they are placed in their list order, first free place first.
ALTER TABLE dashboard_widget ADD COLUMN grid_x INTEGER;
ALTER TABLE dashboard_widget ADD COLUMN grid_y INTEGER;
