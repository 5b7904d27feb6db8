using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "BackPayAmount",
                table: "PaymentMonths",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "PaymentMonths",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ComputedAtChange",
                table: "PaymentMonths",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "ComputedAtUtc",
                table: "PaymentMonths",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComputedBy",
                table: "PaymentMonths",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LineCount",
                table: "PaymentMonths",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "PaidAmount",
                table: "PaymentMonths",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "RecoveryAmount",
                table: "PaymentMonths",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "BankBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    ReissueOfBatchId = table.Column<int>(type: "int", nullable: true),
                    State = table.Column<int>(type: "int", nullable: false),
                    ControlCount = table.Column<int>(type: "int", nullable: false),
                    ControlTotalFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    ExportedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExportedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ReturnedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReturnedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeCounters",
                columns: table => new
                {
                    Topic = table.Column<int>(type: "int", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeCounters", x => x.Topic);
                });

            migrationBuilder.CreateTable(
                name: "PaymentLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    ForMonth = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: true),
                    EnrollmentId = table.Column<int>(type: "int", nullable: true),
                    VariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Programme = table.Column<int>(type: "int", nullable: false),
                    TownshipId = table.Column<int>(type: "int", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    PreviousAmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: true),
                    StandardId = table.Column<int>(type: "int", nullable: true),
                    Reason = table.Column<int>(type: "int", nullable: false),
                    Flags = table.Column<int>(type: "int", nullable: false),
                    PersonCount = table.Column<int>(type: "int", nullable: false),
                    TemporaryAssistanceId = table.Column<int>(type: "int", nullable: true),
                    RecoveryId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    TownshipId = table.Column<int>(type: "int", nullable: false),
                    VariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    Persons = table.Column<int>(type: "int", nullable: false),
                    Female = table.Column<int>(type: "int", nullable: false),
                    Elderly = table.Column<int>(type: "int", nullable: false),
                    Minors = table.Column<int>(type: "int", nullable: false),
                    Disabled = table.Column<int>(type: "int", nullable: false),
                    Cases = table.Column<int>(type: "int", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    BackPayFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    RecoveryFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    NewHouseholds = table.Column<int>(type: "int", nullable: false),
                    NewPersons = table.Column<int>(type: "int", nullable: false),
                    StoppedHouseholds = table.Column<int>(type: "int", nullable: false),
                    StoppedPersons = table.Column<int>(type: "int", nullable: false),
                    NewAmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    StoppedAmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    TierChangeDeltaFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    StandardChangeDeltaFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentSummaries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recoveries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: true),
                    Programme = table.Column<int>(type: "int", nullable: false),
                    VariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    DetectedMonth = table.Column<int>(type: "int", nullable: false),
                    FromMonth = table.Column<int>(type: "int", nullable: false),
                    ToMonth = table.Column<int>(type: "int", nullable: false),
                    Months = table.Column<int>(type: "int", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recoveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetroactiveChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    FromMonth = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<int>(type: "int", nullable: true),
                    VariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroactiveChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TemporaryAssistance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: true),
                    Persons = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ApprovalNumber = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    ApprovedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TemporaryAssistance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BankPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BatchId = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    PayeeName = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    PayeePersonId = table.Column<int>(type: "int", nullable: false),
                    Account = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", precision: 18, scale: 2, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    FailureReason = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ReissueOfPaymentId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankPayments_BankBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "BankBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ChangeCounters",
                columns: new[] { "Topic", "Value" },
                values: new object[,]
                {
                    { 1, 0L },
                    { 2, 0L },
                    { 3, 0L },
                    { 4, 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_BankBatches_JurisdictionId_Month",
                table: "BankBatches",
                columns: new[] { "JurisdictionId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_BankPayments_BatchId",
                table: "BankPayments",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_BankPayments_HouseholdId",
                table: "BankPayments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_HouseholdId_Month",
                table: "PaymentLines",
                columns: new[] { "HouseholdId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_JurisdictionId_ForMonth_PersonId",
                table: "PaymentLines",
                columns: new[] { "JurisdictionId", "ForMonth", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_JurisdictionId_Month",
                table: "PaymentLines",
                columns: new[] { "JurisdictionId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSummaries_JurisdictionId_Month_TownshipId_VariantCode",
                table: "PaymentSummaries",
                columns: new[] { "JurisdictionId", "Month", "TownshipId", "VariantCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_HouseholdId",
                table: "Recoveries",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_JurisdictionId_DetectedMonth",
                table: "Recoveries",
                columns: new[] { "JurisdictionId", "DetectedMonth" });

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_JurisdictionId_State",
                table: "Recoveries",
                columns: new[] { "JurisdictionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_RetroactiveChanges_JurisdictionId",
                table: "RetroactiveChanges",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_TemporaryAssistance_HouseholdId",
                table: "TemporaryAssistance",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_TemporaryAssistance_JurisdictionId_Month",
                table: "TemporaryAssistance",
                columns: new[] { "JurisdictionId", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankPayments");

            migrationBuilder.DropTable(
                name: "ChangeCounters");

            migrationBuilder.DropTable(
                name: "PaymentLines");

            migrationBuilder.DropTable(
                name: "PaymentSummaries");

            migrationBuilder.DropTable(
                name: "Recoveries");

            migrationBuilder.DropTable(
                name: "RetroactiveChanges");

            migrationBuilder.DropTable(
                name: "TemporaryAssistance");

            migrationBuilder.DropTable(
                name: "BankBatches");

            migrationBuilder.DropColumn(
                name: "BackPayAmount",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ComputedAtChange",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ComputedAtUtc",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ComputedBy",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "LineCount",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "PaidAmount",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "RecoveryAmount",
                table: "PaymentMonths");
        }
    }
}
