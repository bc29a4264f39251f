import assert from "node:assert/strict";
import { test } from "node:test";
import { RetryBudget } from "./budget.js";

test("with no traffic only the per-second floor is available", () => {
  const budget = new RetryBudget({ budgetPercent: 20, minPerSecond: 1 }, 10);
  let granted = 0;
  while (budget.tryWithdraw(5_000) && granted < 100) granted += 1;
  assert.equal(granted, 10); // 1/s over a 10 s window
});

test("the budget grows with the share of recent requests", () => {
  const budget = new RetryBudget({ budgetPercent: 20, minPerSecond: 0 }, 10);
  for (let i = 0; i < 100; i++) budget.recordRequest(1_000);
  let granted = 0;
  while (budget.tryWithdraw(1_500) && granted < 1_000) granted += 1;
  assert.equal(granted, 20);
});

test("requests and retries age out of the window", () => {
  const budget = new RetryBudget({ budgetPercent: 50, minPerSecond: 0 }, 10);
  for (let i = 0; i < 10; i++) budget.recordRequest(1_000);
  for (let i = 0; i < 5; i++) assert.equal(budget.tryWithdraw(1_000), true);
  assert.equal(budget.tryWithdraw(1_000), false);
  // 10 s later the old requests no longer count, and neither do the old retries.
  assert.equal(budget.tryWithdraw(11_000), false);
  for (let i = 0; i < 2; i++) budget.recordRequest(11_000);
  assert.equal(budget.tryWithdraw(11_000), true);
  assert.equal(budget.tryWithdraw(11_000), false);
});
