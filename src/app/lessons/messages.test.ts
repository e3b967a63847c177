import { expect, it } from 'vitest';
import { lessonMessages } from './messages';

it('joins a lesson number and its particle as the number is read (일 → 로, 삼·십 → 으로), with no space between', () => {
  expect(lessonMessages.ko.goOn(1, 'ClusterIP')).toBe('레슨 1로 넘어가기: ClusterIP');
  expect(lessonMessages.ko.goOn(3, 'NodePort')).toBe('레슨 3으로 넘어가기: NodePort');
  expect(lessonMessages.ko.goOn(10, 'x')).toBe('레슨 10으로 넘어가기: x');
  expect(lessonMessages.en.goOn(2, 'The second packet')).toBe('Go on to lesson 2: The second packet');
});
