;; Programs for fuel and epoch tests (FuelTest, EpochTest, TimeoutTest). Costs follow the fuel
;; rule: 1 per operator, 0 for nop, drop, block, loop, end, else, unreachable and return. Each
;; exported function's cost is worked out in FuelTest from the comments here.
(module
  (import "env" "observe" (func $observe (param i32)))
  (type $unary (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add1 $add2)

  ;; 3
  (func $add1 (type $unary)
    local.get 0
    i32.const 1
    i32.add)

  ;; 3: return costs nothing
  (func $add2 (type $unary)
    local.get 0
    i32.const 2
    i32.add
    return)

  ;; block, loop, br_if, br: 9 per iteration, 4 + 1 to leave: 9n + 5
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    block $exit
      loop $top
        local.get $i
        local.get $n
        i32.ge_u
        br_if $exit
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $top
      end
    end
    local.get $i)

  ;; if/else: 4 (exit check) + 4 (condition, if) + arm + 4 (i++) + 1 (br) per iteration;
  ;; the then arm (odd i) costs 4, the else arm (even i) 5 (nop and drop are free); 4 + 1 to leave
  (func (export "branches") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    block $exit
      loop $top
        local.get $i
        local.get $n
        i32.ge_u
        br_if $exit
        local.get $i
        i32.const 1
        i32.and
        if
          local.get $acc
          local.get $i
          i32.add
          local.set $acc
        else
          local.get $acc
          i32.const 1
          i32.sub
          local.set $acc
          nop
          i32.const 7
          drop
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $top
      end
    end
    local.get $acc)

  ;; br_table on i % 3: 4 (exit check) + 4 (dispatch) + case + 4 (i++) + 1 (br) per iteration;
  ;; case 0 costs 5, case 1 costs 9 and 4 more when i > 4 (an if without else), case 2 costs 4;
  ;; 4 + 1 to leave
  (func (export "switch") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    block $exit
      loop $top
        local.get $i
        local.get $n
        i32.ge_u
        br_if $exit
        block $next
          block $c2
            block $c1
              block $c0
                local.get $i
                i32.const 3
                i32.rem_u
                br_table $c0 $c1 $c2
              end
              local.get $acc
              i32.const 1
              i32.add
              local.set $acc
              br $next
            end
            local.get $acc
            i32.const 10
            i32.add
            local.set $acc
            local.get $i
            i32.const 4
            i32.gt_u
            if
              local.get $acc
              i32.const 1000
              i32.add
              local.set $acc
            end
            br $next
          end
          local.get $acc
          i32.const 100
          i32.add
          local.set $acc
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $top
      end
    end
    local.get $acc)

  ;; call and call_indirect: 4 (exit check) + 3 + 3 (call $add1 and its body) + 2 (add, set)
  ;; + 5 + 3 (call_indirect and its callee) + 1 (set) + 4 (i++) + 1 (br) = 26 per iteration;
  ;; 4 + 1 to leave
  (func (export "calls") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    block $exit
      loop $top
        local.get $i
        local.get $n
        i32.ge_u
        br_if $exit
        local.get $acc
        local.get $i
        call $add1
        i32.add
        local.set $acc
        local.get $acc
        local.get $i
        i32.const 1
        i32.and
        call_indirect (type $unary)
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $top
      end
    end
    local.get $acc)

  ;; the host sees the fuel after 2 and after 4 units
  (func (export "observed")
    i32.const 5
    call $observe
    i32.const 6
    call $observe)

  ;; recursion without loops: the fuel and epoch checks of calls and function entries
  (func $fib (export "fib") (param $n i32) (result i32)
    local.get $n
    i32.const 2
    i32.lt_u
    if (result i32)
      local.get $n
    else
      local.get $n
      i32.const 1
      i32.sub
      call $fib
      local.get $n
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end)

  ;; 1 per iteration, forever
  (func (export "spin")
    loop $forever
      br $forever
    end)

  ;; stores i into memory[0] at every iteration of an endless loop: where fuel stopped it
  (memory (export "memory") 1)
  (func (export "spin_counting") (local $i i32)
    loop $forever
      i32.const 0
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.store
      br $forever
    end)
)
