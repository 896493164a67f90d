-- One trigger function keeps every ledger append-only (the audit log, the stock ledger, the points
-- ledger), in place of one copy per table; it also refuses TRUNCATE, which row triggers never see.
-- A ledger added later gets the same two triggers.

create function append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '42501';
end;
$$;

drop trigger audit_log_no_update on audit_log;
drop trigger stock_movements_no_update on stock_movements;
drop trigger points_ledger_no_update on points_ledger;
drop function audit_log_append_only();
drop function stock_movements_append_only();
drop function points_ledger_append_only();

create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function append_only();
create trigger stock_movements_no_update before update or delete on stock_movements
  for each row execute function append_only();
create trigger stock_movements_no_truncate before truncate on stock_movements
  for each statement execute function append_only();
create trigger points_ledger_no_update before update or delete on points_ledger
  for each row execute function append_only();
create trigger points_ledger_no_truncate before truncate on points_ledger
  for each statement execute function append_only();
