// The app imports only `PainSchool`; the generated records it reads
// (`ThisWeek`, `SectionView`, `Message`, …) come along with it. The
// `Course` object and its listeners stay behind `CourseClient`.
@_exported import PainSchoolCore
