// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './button.js';
import { EmptyState } from './empty-state.js';
import { FormField } from './form-field.js';
import { Input, Select, TextArea } from './input.js';
import { ProgressBar } from './progress-bar.js';
import { StatusBadge } from './status-badge.js';
import { Table } from './table.js';
import { ThemeProvider } from './theme.js';

function mount(vnode: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  act(() => render(vnode, root));
  return root;
}

describe('Button', () => {
  it('is a non-submitting button with its variant, and busy keeps it from being pressed', () => {
    const onClick = vi.fn();
    const root = mount(
      <>
        <Button variant="primary" onClick={onClick}>
          报价
        </Button>
        <Button busy onClick={onClick}>
          创建
        </Button>
      </>,
    );
    const [quote, create] = root.querySelectorAll('button');
    expect(quote?.type).toBe('button');
    expect(quote?.className).toBe('jm-button jm-button--primary jm-button--medium');
    quote?.click();
    create?.click();
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(create?.disabled).toBe(true);
    expect(create?.getAttribute('aria-busy')).toBe('true');
  });
});

describe('FormField', () => {
  it('labels its control and describes it with the hint, or with the error as an alert', () => {
    const root = mount(
      <>
        <FormField label="品牌" hint="例如：京造">
          <Input value="" />
        </FormField>
        <FormField label="材质" error="请填写材质" required>
          <TextArea />
        </FormField>
        <FormField label="原因">
          <Select>
            <option value="1">没有配送员接单</option>
          </Select>
        </FormField>
      </>,
    );
    const [brand, material, reason] = root.querySelectorAll('.jm-field');
    const input = brand?.querySelector('input') as HTMLInputElement;
    expect(brand?.querySelector('label')?.htmlFor).toBe(input.id);
    expect(
      root.querySelector(`#${CSS.escape(input.getAttribute('aria-describedby') ?? '')}`)?.textContent,
    ).toBe('例如：京造');
    expect(input.hasAttribute('aria-invalid')).toBe(false);

    const area = material?.querySelector('textarea') as HTMLTextAreaElement;
    expect(area.getAttribute('aria-invalid')).toBe('true');
    const error = root.querySelector(`#${CSS.escape(area.getAttribute('aria-describedby') ?? '')}`);
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toBe('请填写材质');
    expect(material?.querySelector('label')?.textContent).toBe('材质*');

    const select = reason?.querySelector('select') as HTMLSelectElement;
    expect(reason?.querySelector('label')?.htmlFor).toBe(select.id);
    expect(select.hasAttribute('aria-describedby')).toBe(false);
    expect(new Set([input.id, area.id, select.id]).size).toBe(3);
  });
});

describe('Table', () => {
  const rows = [
    { id: 'A1', name: '苹果' },
    { id: 'B2', name: '香蕉' },
  ];
  const columns = [
    { id: 'id', header: '单号', cell: (row: (typeof rows)[number]) => row.id },
    { id: 'name', header: '商品', cell: (row: (typeof rows)[number]) => row.name, align: 'end' as const },
  ];

  it('renders a captioned table with column headers and marks selected rows', () => {
    const root = mount(
      <Table
        caption="待配送订单"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        selected={new Set(['B2'])}
      />,
    );
    expect(root.querySelector('caption')?.textContent).toBe('待配送订单');
    expect([...root.querySelectorAll('th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['单号', 'col'],
      ['商品', 'col'],
    ]);
    const body = [...root.querySelectorAll('tbody tr')];
    expect(body.map((tr) => tr.textContent)).toEqual(['A1苹果', 'B2香蕉']);
    expect(body.map((tr) => tr.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(body[0]?.querySelectorAll('td')[1]?.className).toBe('jm-table__cell--end');
  });

  it('shows its empty content across all columns when there are no rows', () => {
    const root = mount(
      <Table
        caption="空"
        columns={columns}
        rows={[]}
        rowKey={(row) => row.id}
        empty={<EmptyState title="暂无订单" description="新订单会出现在这里" />}
      />,
    );
    const cell = root.querySelector('tbody td') as HTMLTableCellElement;
    expect(cell.colSpan).toBe(2);
    expect(cell.querySelector('[role="status"]')?.textContent).toBe('暂无订单新订单会出现在这里');
  });
});

describe('StatusBadge', () => {
  it('maps delivery statuses to tones and words, and shows other tones with their own label', () => {
    const root = mount(
      <ThemeProvider locale="zh-CN">
        {[1, 2, 100, 3, 4, 5, 7, 42].map((status) => (
          <StatusBadge key={status} status={status} />
        ))}
        <StatusBadge tone="success">已保存</StatusBadge>
      </ThemeProvider>,
    );
    const badges = [...root.querySelectorAll('.jm-badge')].map((badge) => [
      badge.textContent,
      badge.className.replace('jm-badge jm-badge--', ''),
    ]);
    expect(badges).toEqual([
      ['待接单', 'warning'],
      ['待取货', 'info'],
      ['骑士到店', 'info'],
      ['配送中', 'info'],
      ['已完成', 'success'],
      ['已取消', 'neutral'],
      ['已过期', 'danger'],
      ['42', 'neutral'],
      ['已保存', 'success'],
    ]);
  });
});

describe('ProgressBar', () => {
  it('is a labelled progressbar with the percentage, clamped to 0-100', () => {
    const root = mount(
      <ThemeProvider locale="en-US">
        <ProgressBar label="photo.jpg" value={3} max={4} />
        <ProgressBar label="big.jpg" value={9} max={4} />
        <ProgressBar label="empty.jpg" value={0} max={0} />
      </ThemeProvider>,
    );
    const bars = [...root.querySelectorAll('[role="progressbar"]')];
    expect(bars.map((bar) => bar.getAttribute('aria-valuenow'))).toEqual(['75', '100', '0']);
    expect(bars[0]?.getAttribute('aria-label')).toBe('photo.jpg');
    expect(bars[0]?.getAttribute('aria-valuetext')).toBe('75% done');
    expect((bars[0]?.firstElementChild as HTMLElement | null)?.style.width).toBe('75%');
  });
});
