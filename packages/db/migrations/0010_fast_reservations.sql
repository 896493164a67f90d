-- Warehouse coordinates for the nearest-warehouse allocation strategy (a warehouse without them is
-- placed at the capital of the province its region names), and a helper that lets one SQL
-- statement abort itself: a reservation is written by a single statement that takes the units,
-- inserts the reservation, ledger and audit rows, and must roll all of it back when any level no
-- longer has the units it planned on.

alter table warehouses
  add column latitude  double precision check (latitude between -90 and 90),
  add column longitude double precision check (longitude between -180 and 180),
  add constraint warehouses_coordinates_paired check ((latitude is null) = (longitude is null));

-- Raises SQLSTATE YY001 with the given message; returns boolean so it can sit in a CASE.
create function yunying_abort(message text) returns boolean
language plpgsql as $$
begin
  raise exception using errcode = 'YY001', message = message;
end
$$;

-- The rows of a reservation plan passed as one jsonb parameter (see writeReservations). A volatile
-- SQL function is not inlined, so the planner uses its small ROWS estimate and reaches each stock
-- level through its primary key, in (sku, warehouse) order, instead of scanning every level.
create function yunying_reservation_plan(plan jsonb)
returns table (
  reservation_id text, reference text, sku_id text, warehouse_id text, qty integer, expires_at timestamptz,
  movement_id text, audit_id text, changes jsonb, actor_type text, actor_id text, request_id text)
language sql volatile rows 8
as $$
  select * from jsonb_to_recordset(plan) as p (
    reservation_id text, reference text, sku_id text, warehouse_id text, qty integer, expires_at timestamptz,
    movement_id text, audit_id text, changes jsonb, actor_type text, actor_id text, request_id text)
$$;

-- Levels are updated on every reservation, release and sale: leave room on each page so that an
-- update can put the new row version beside the old one (a HOT update, no index entries to add).
alter table stock_levels set (fillfactor = 70);
