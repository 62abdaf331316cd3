-- The floor: the first push of a calendar as hand-written, set-based SQL.
--
-- It writes the same section setup as gradepush's first push of a generated
-- demo district (sections without any pushed setup yet): teacher categories
-- that clash with a course category renamed with " (1)", a locked copy of
-- every course category, the calc options and composites of the terms each
-- section meets in, the course's advisory flag, and a notification to the
-- teachers of each section with a renamed category. It leaves out the batch
-- queue's bookkeeping (request, course tasks, per-section result records),
-- which gradepush also writes: the floor is a lower bound, not a rival.
-- {calendar_id} is replaced by an integer before the script runs.

-- As a push does, it counts its writes to each section once, at the end,
-- rather than leaving the triggers to count every statement.
SET LOCAL gradepush.push_counts_writes = 'on';

CREATE TEMP TABLE floor_section ON COMMIT DROP AS
SELECT s.id AS section_id, s.course_id, c.advisory AS course_advisory
FROM section s
JOIN course c ON c.id = s.course_id
WHERE c.calendar_id = {calendar_id};

ANALYZE floor_section;

CREATE TEMP TABLE floor_rename ON COMMIT DROP AS
SELECT sc.id, sc.section_id, sc.name AS old_name,
       rtrim(left(sc.name, 46)) || ' (1)' AS new_name
FROM section_category sc
JOIN floor_section fs ON fs.section_id = sc.section_id
WHERE sc.origin = 'teacher'
  AND EXISTS (
    SELECT 1 FROM course_category cc
    WHERE cc.course_id = fs.course_id AND cc.name_key = sc.name_key
  );

UPDATE section_category sc
SET name = r.new_name, name_key = lower(r.new_name)
FROM floor_rename r
WHERE sc.id = r.id;

INSERT INTO section_category (
  section_id, course_category_id, origin, locked, name, name_key, weight,
  sequence, hidden, exclude_from_calc, drop_lowest, drop_highest, task_ids
)
SELECT fs.section_id, cc.id, 'pushed', true, cc.name, cc.name_key, cc.weight,
       cc.sequence, cc.hidden, cc.exclude_from_calc, cc.drop_lowest,
       cc.drop_highest, cc.task_ids
FROM floor_section fs
JOIN course_category cc ON cc.course_id = fs.course_id
ORDER BY fs.section_id, cc.id;

INSERT INTO section_calc_option (
  section_id, term_id, grading_task_id, locked, calc_type, weighted,
  use_score_percent, last_n_assignments, rounding_decimals, rounding_mode,
  grading_scale
)
SELECT fs.section_id, co.term_id, co.grading_task_id, true, co.calc_type,
       co.weighted, co.use_score_percent, co.last_n_assignments,
       co.rounding_decimals, co.rounding_mode, co.grading_scale
FROM floor_section fs
JOIN section_term st ON st.section_id = fs.section_id
JOIN course_calc_option co
  ON co.course_id = fs.course_id AND co.term_id = st.term_id;

WITH created AS (
  INSERT INTO section_composite (section_id, term_id, grading_task_id, locked)
  SELECT fs.section_id, cp.term_id, cp.grading_task_id, true
  FROM floor_section fs
  JOIN section_term st ON st.section_id = fs.section_id
  JOIN course_composite cp
    ON cp.course_id = fs.course_id AND cp.term_id = st.term_id
  RETURNING id, section_id, term_id, grading_task_id
)
INSERT INTO section_composite_part (composite_id, component_task_id, weight)
SELECT created.id, part.component_task_id, part.weight
FROM created
JOIN floor_section fs ON fs.section_id = created.section_id
JOIN course_composite cp
  ON cp.course_id = fs.course_id
 AND cp.term_id = created.term_id
 AND cp.grading_task_id = created.grading_task_id
JOIN course_composite_part part ON part.composite_id = cp.id;

UPDATE section s
SET advisory = fs.course_advisory
FROM floor_section fs
WHERE s.id = fs.section_id AND s.advisory <> fs.course_advisory;

INSERT INTO notification (user_id, kind, title, body, read, created_at)
SELECT st.teacher_id, 'section_categories_changed',
       'Categories changed in ' || c.number || ' ' || c.name
         || ', section ' || s.number,
       string_agg(
         format('''%s'' was renamed to ''%s''.', r.old_name, r.new_name),
         ' ' ORDER BY r.id
       ),
       false, now()
FROM floor_rename r
JOIN section s ON s.id = r.section_id
JOIN course c ON c.id = s.course_id
JOIN section_teacher st ON st.section_id = r.section_id
GROUP BY st.teacher_id, r.section_id, c.number, c.name, s.number;

UPDATE section s
SET setup_revision = s.setup_revision + 1
FROM floor_section fs
WHERE s.id = fs.section_id;
