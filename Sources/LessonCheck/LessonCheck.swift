enum LessonCheck {}
