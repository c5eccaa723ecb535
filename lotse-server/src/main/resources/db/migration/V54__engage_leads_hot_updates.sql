-- Lead points change with nearly every round of the engage log (a product view earns a point). With free space on
-- each page PostgreSQL updates a lead in place (HOT) without touching its two indexes.
ALTER TABLE engage_leads SET (fillfactor = 70);
