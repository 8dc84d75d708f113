export * from './contract.js';
export * from './csv.js';
export * from './consumers.js';
export * from './student/student.js';
export * from './student/register-csv.js';
export * from './student/form-a.js';
export type * from './student/ports.js';
