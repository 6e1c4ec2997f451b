-- tools/bench/seed-tickets.sql: add :n realistic tickets straight into ticketing's database (psql -v n=1000000).
-- Titles and descriptions mix help desk vocabulary so that full-text search has work to do; statuses,
-- priorities, queues, requesters and assignees are spread like a real help desk's. No SLA policy is applied
-- (the breach checker is not part of what is measured). Numbers come from ticketing's own sequence.
\set ON_ERROR_STOP on
BEGIN;
WITH words AS (
  SELECT ARRAY['printer','vpn','laptop','outlook','password','network','badge','monitor','wifi','database',
               'keyboard','teams','sharepoint','license','backup','server','firewall','phone','docking','browser'] AS w
)
INSERT INTO tickets (id, number, title, description, requester, category, impact, urgency, priority, status, assignee, queue,
                     created_at, updated_at, major_incident,
                     first_response_elapsed, first_response_target, first_response_warning_percent,
                     resolution_elapsed, resolution_target, resolution_warning_percent)
SELECT gen_random_uuid(), nextval('ticket_numbers'),
       initcap(w[1 + (g * 7) % 20]) || ' ' || (ARRAY['fails','is slow','keeps crashing','cannot connect','shows an error'])[1 + g % 5]
         || ' for ' || (ARRAY['finance','sales','support','hr','engineering'])[1 + (g / 5) % 5],
       'User reports that the ' || w[1 + (g * 7) % 20] || ' and the ' || w[1 + (g * 13) % 20] || ' stopped working after the '
         || w[1 + (g * 3) % 20] || ' update; ticket ' || g || '.',
       'user' || (g % 20000), (ARRAY['hardware','software','network','access','mail'])[1 + g % 5],
       (ARRAY['Low','Medium','High'])[1 + g % 3], (ARRAY['Low','Medium','High'])[1 + (g / 3) % 3],
       (ARRAY['P1','P2','P3','P4'])[1 + (g * 11) % 4],
       (ARRAY['New','Assigned','InProgress','Pending','Resolved','Closed','Closed','Closed'])[1 + g % 8],
       CASE WHEN g % 8 = 0 THEN NULL ELSE 'agent' || (g % 50) END,
       (ARRAY['service-desk-l1','service-desk-l2','network','accounts'])[1 + g % 4],
       now() - make_interval(mins => g % 525600), now() - make_interval(mins => g % 525600), false,
       interval '0', interval '0', 80, interval '0', interval '0', 80
FROM generate_series(1, :n) AS g, words;
COMMIT;
ANALYZE tickets;
